from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied


class ReadOnlyAccess(PermissionRequiredMixin):
    """Analyst pages: readable with the model's view permission, never written to."""

    raise_exception = True  # logged-in users without the permission get 403, not a login loop

    def dispatch(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            raise PermissionDenied("This page is read-only; records are edited in the admin.")
        return super().dispatch(request, *args, **kwargs)
