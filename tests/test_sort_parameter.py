"""`?sort=`: names a column could have are applied, anything else is reported, never passed
on to django-tables2 (which reads "a.b" as an attribute path)."""

import warnings

import pytest
from django.urls import reverse

from .conftest import body


def accessor_warnings(caught):
    """django-tables2's warnings about a sort name read as an attribute path ("a.b"),
    whichever file they are credited to."""
    return [w for w in caught if "accessor" in str(w.message)]


@pytest.mark.parametrize("value", ["../../etc/passwd", "date.__class__", "kind;drop"])
def test_a_sort_value_that_is_no_column_name_is_reported_without_a_warning(analyst_client, value):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = analyst_client.get(reverse("contact-list"), {"sort": value})
    assert response.status_code == 200
    assert f"Cannot sort by {value}" in response.content.decode().replace("&#x27;", "'")
    assert tuple(response.context["table"].order_by) == ()
    assert not accessor_warnings(caught)


def test_an_export_sorted_by_a_value_that_is_no_column_name_raises_no_warning(analyst_client):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = analyst_client.get(
            reverse("contact-list"), {"sort": "../../etc/passwd", "_export": "csv"}
        )
    assert response.status_code == 200
    assert body(response).decode().startswith("\ufeffKey,Date")  # the export itself
    assert not accessor_warnings(caught)


def test_two_columns_in_one_sort_value_are_both_applied(analyst_client):
    response = analyst_client.get(reverse("contact-list"), {"sort": "kind,-date"})
    assert tuple(response.context["table"].order_by) == ("kind", "-date")
    assert "Cannot sort by" not in response.content.decode()
