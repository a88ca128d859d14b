"""The editors' admin site: a user who may read but not edit gets 403, not a login page."""

from functools import update_wrapper

from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied


class TrackerAdminSite(AdminSite):
    site_header = "Diplomatic Contact Tracker: editors"
    site_title = "Contact Tracker admin"
    index_title = "Records"

    def admin_view(self, view, cacheable=False):
        """A logged-in user who may not edit gets 403, not a confusing login page."""
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied("Editing is for editors; your account can read and export.")
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)
