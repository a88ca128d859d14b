from urllib.parse import unquote

from django.http import HttpResponseBadRequest
from django.utils.cache import patch_cache_control


class RejectNulBytesMiddleware:
    """NUL bytes in a URL are answered with 400 (PostgreSQL cannot even compare them)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            return HttpResponseBadRequest("NUL bytes are not allowed in addresses.")
        return self.get_response(request)


class NoStoreForUsersMiddleware:
    """Nothing shown to a logged-in user is kept by a browser or a shared cache.

    Only headers change, so streamed exports are covered as well as pages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
