"""The 403 and 404 pages say what went wrong in words, never an exception's class name."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from tracker import errors


@pytest.mark.django_db
def test_an_address_no_page_has_is_a_404_in_words(analyst_client):
    page = analyst_client.get("/no-such-page/")
    text = page.content.decode()
    assert page.status_code == 404
    assert "There is nothing at this address." in text
    assert "Resolver404" not in text


def answered(handler, user, exception):
    """(status, text) of the error page `handler` draws for `exception`."""
    request = RequestFactory().get("/contacts/1/")
    request.user = user
    page = handler(request, exception)
    return page.status_code, page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("handler", "exception", "status", "default"),
    [
        (errors.page_not_found, Http404(), 404, "There is nothing at this address."),
        (
            errors.permission_denied,
            PermissionDenied(),
            403,
            "Your account does not have permission to do that.",
        ),
    ],
)
def test_an_error_raised_without_a_message_shows_the_default_text(
    analyst, handler, exception, status, default
):
    answer, text = answered(handler, analyst, exception)
    assert answer == status
    assert default in text
    assert type(exception).__name__ not in text


@pytest.mark.django_db
def test_a_404_raised_with_a_message_shows_it(analyst):
    status, text = answered(errors.page_not_found, analyst, Http404("No such record."))
    assert status == 404 and "No such record." in text
