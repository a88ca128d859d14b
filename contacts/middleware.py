from urllib.parse import unquote

from django.http import HttpResponseBadRequest


class RejectNulBytesMiddleware:
    """NUL bytes in a URL are answered with 400 (PostgreSQL cannot even compare them)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            return HttpResponseBadRequest("NUL bytes are not allowed in addresses.")
        return self.get_response(request)
