"""Users in the admin, with "Unlock log-in" for those who may clear log-in locks.

Django's own UserAdmin, registered again with one action: it forgets a user's failed log-ins
(django-axes' access attempts for that username), which ends a lock on the username. A lock on
an address is cleared under "Access attempts" (search the address, delete its rows).
"""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    actions = ["unlock_log_in"]

    @admin.action(description="Unlock log-in (forget failed log-ins)", permissions=["unlock"])
    def unlock_log_in(self, request, queryset):
        cleared = []
        for user in queryset:
            if AxesProxyHandler.reset_attempts(username=user.get_username()):
                self.log_change(request, user, "Unlocked log-in (failed log-ins forgotten).")
                cleared.append(user.get_username())
        if cleared:
            self.message_user(request, f"Log-in unlocked for {', '.join(sorted(cleared))}.")
        else:
            self.message_user(request, "None of these users had failed log-ins to forget.")

    def has_unlock_permission(self, request):
        """Who may delete access attempts (the Administrator group) may unlock."""
        return request.user.has_perm("axes.delete_accessattempt")
