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


@pytest.mark.django_db
def test_a_404_raised_without_a_message_shows_the_default_text(analyst):
    request = RequestFactory().get("/contacts/1/")
    request.user = analyst
    page = errors.page_not_found(request, Http404())
    text = page.content.decode()
    assert page.status_code == 404
    assert "There is nothing at this address." in text
    assert "Http404" not in text


@pytest.mark.django_db
def test_a_404_raised_with_a_message_shows_it(analyst):
    request = RequestFactory().get("/contacts/1/")
    request.user = analyst
    page = errors.page_not_found(request, Http404("No such record."))
    assert "No such record." in page.content.decode()


@pytest.mark.django_db
def test_a_403_raised_without_a_message_shows_the_default_text(analyst):
    request = RequestFactory().get("/admin/")
    request.user = analyst
    page = errors.permission_denied(request, PermissionDenied())
    text = page.content.decode()
    assert page.status_code == 403
    assert "Your account does not have permission to do that." in text
    assert "PermissionDenied" not in text
