from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied


class ReadOnlyAccess(PermissionRequiredMixin):
    """Analyst pages: readable with the model's view permission, never written to."""

    raise_exception = True  # logged-in users without the permission get 403, not a login loop

    def get_permission_required(self):
        """`permission_required`, or else the view permission of the page's `model`."""
        if self.permission_required is None and getattr(self, "model", None) is not None:
            meta = self.model._meta
            return [f"{meta.app_label}.view_{meta.model_name}"]
        return super().get_permission_required()

    def dispatch(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            raise PermissionDenied("This page is read-only; records are edited in the admin.")
        return super().dispatch(request, *args, **kwargs)
