from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView


class FaviconRedirect(RedirectView):
    """Browsers ask for /favicon.ico whatever the page links; send them to the icon (its
    hashed name in production, looked up per request: the manifest may not exist at import)."""

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("intake/", include("intake.urls")),
    path("favicon.ico", login_not_required(FaviconRedirect.as_view())),
    path("", include("contacts.urls")),
]

handler403 = "tracker.errors.permission_denied"
handler404 = "tracker.errors.page_not_found"
