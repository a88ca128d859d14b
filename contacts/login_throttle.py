"""Log-in throttling on django-axes' records: one limit per username, a higher one per address.

A username is locked after LOGIN_FAILURE_LIMITS["username"] failures from any addresses, an
address after LOGIN_FAILURE_LIMITS["ip_address"] failures for any usernames. The first lock
lasts LOGIN_COOLOFF_FIRST; every failure after a lock has ended locks again for twice as long,
up to LOGIN_COOLOFF_MAX. Failures made while locked are refused without being counted
(AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT off), so a lock grows only as fast as time
passes: nobody can lock an account for a day with a burst of requests.

Why a handler and not only axes' settings (8.3): axes compares one AXES_FAILURE_LIMIT with the
largest count over all AXES_LOCKOUT_PARAMETERS, so an address cannot have a higher limit than a
username; and its cool-off is measured from each record's own last failure, with a clean-up
that deletes every record older than the cool-off of whichever request runs it, so a cool-off
that grows per username cannot be an AXES_COOLOFF_TIME callable without one user's short
cool-off erasing another's long lock. Here AXES_COOLOFF_TIME is how long failures are
remembered (axes' own meaning: failures are forgotten after that long without one), and this
handler decides, from axes' records, which username or address is locked and until when.
Everything else (records, signals, middleware, admin, `axes_reset`) is axes'.
"""

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timeuntil


def cool_off(*, failures, limit):
    """How long `failures` lock for: the first cool-off at the limit, doubled for each further
    failure, at most LOGIN_COOLOFF_MAX."""
    first = settings.LOGIN_COOLOFF_FIRST.total_seconds()
    longest = settings.LOGIN_COOLOFF_MAX.total_seconds()
    doublings = min(max(failures - limit, 0), 64)  # 2**64 minutes is past any cap
    return timedelta(seconds=min(first * 2**doublings, longest))


@dataclass(frozen=True)
class Throttle:
    """What one lockout parameter (this username, or this address) has failed, as remembered."""

    parameter: str
    failures: int
    last_failure: datetime | None
    limit: int

    @property
    def locked_until(self):
        if self.last_failure is None or self.failures < self.limit:
            return None
        return self.last_failure + cool_off(failures=self.failures, limit=self.limit)


class LoginThrottle(AxesDatabaseHandler):
    """axes' database handler, with a limit per lockout parameter and a cool-off that grows."""

    def throttles(self, request, credentials=None):
        """One Throttle per lockout parameter, from the records axes still remembers."""
        parameters = get_lockout_parameters(request, credentials)
        remembered = self.get_user_attempts(request, credentials)
        throttles = []
        for parameter, attempts in zip(parameters, remembered, strict=True):
            name = parameter if isinstance(parameter, str) else "+".join(parameter)
            totals = attempts.aggregate(
                failures=Sum("failures_since_start"), last=Max("attempt_time")
            )
            limit = settings.LOGIN_FAILURE_LIMITS.get(name, get_failure_limit(request, credentials))
            throttles.append(Throttle(name, totals["failures"] or 0, totals["last"], limit))
        return throttles

    def locked_until(self, request, credentials=None):
        """When the last lock on this request's username or address ends; None if none runs."""
        now = request.axes_attempt_time
        ends = [throttle.locked_until for throttle in self.throttles(request, credentials)]
        return max((end for end in ends if end is not None and end > now), default=None)

    def get_failures(self, request, credentials=None):
        """axes locks when this reaches AXES_FAILURE_LIMIT (before authenticating, and after
        each failure): so it is that limit while a lock runs, and 0 otherwise."""
        if self.locked_until(request, credentials) is None:
            return 0
        return get_failure_limit(request, credentials)

    def reset_user_attempts(self, request, credentials=None):
        """After a successful log-in, forget that username's failures, and only those: the
        right password vouches for the account, not for the address, or anyone with an account
        could clear their address's count by logging in between guesses at others."""
        username = get_client_username(request, credentials)
        _, deleted = AccessAttempt.objects.filter(username=username).delete()
        return deleted.get(AccessAttempt._meta.label, 0)


def client_address(request):
    """The address a log-in comes from (AXES_CLIENT_IP_CALLABLE).

    With TRUSTED_PROXY_COUNT reverse proxies in front, each appending the address it received
    the request from to X-Forwarded-For, the client is that many entries from the right: the
    entries further left are whatever the client sent, so they are never trusted. Without
    proxies, or for a request that did not come through them all, it is REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    hops = [hop.strip() for hop in forwarded if hop.strip()]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page (AXES_LOCKOUT_CALLABLE): says when to try again, with Retry-After.

    It reads the same for every username, known or not, as axes locks unknown ones alike.
    """
    handler = AxesProxyHandler.get_implementation()
    throttled = isinstance(handler, LoginThrottle)
    until = handler.locked_until(request, credentials) if throttled else None
    context, wait = {}, None
    if until is not None:
        now = timezone.now()
        wait = max(math.ceil((until - now).total_seconds()), 1)
        # Shown to the minute, rounded up, so "at 14:32" is never a moment still locked.
        shown = until.replace(second=0, microsecond=0)
        if shown < until:
            shown += timedelta(minutes=1)
        retry_in = timeuntil(now + timedelta(minutes=math.ceil(wait / 60)), now)
        longest = timeuntil(now + settings.LOGIN_COOLOFF_MAX, now)
        context = {"locked_until": shown, "retry_in": retry_in, "longest": longest}
    response = render(
        request, settings.AXES_LOCKOUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    if wait is not None:
        response["Retry-After"] = str(wait)
    return response
