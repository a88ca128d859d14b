"""The 403 and 404 pages with the exception's own message, or the page's default text.

Django's handlers show a bare exception's class name where it has no message of its own
("Http404", "Resolver404" for an address no page has, "PermissionDenied").
"""

from django.shortcuts import render


def message(exception):
    """The message the code raising `exception` wrote, or "" when it wrote none."""
    args = getattr(exception, "args", ())
    return args[0] if args and isinstance(args[0], str) else ""


def page_not_found(request, exception):
    return render(request, "404.html", {"exception": message(exception)}, status=404)


def permission_denied(request, exception):
    return render(request, "403.html", {"exception": message(exception)}, status=403)
