"""`?sort=`: names a column could have are applied, anything else is reported, never passed
on to django-tables2 (which reads "a.b" as an attribute path)."""

import warnings

import pytest
from django.urls import reverse


@pytest.mark.parametrize("value", ["../../etc/passwd", "date.__class__", "kind;drop"])
def test_a_sort_value_that_is_no_column_name_is_reported_without_a_warning(analyst_client, value):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = analyst_client.get(reverse("contact-list"), {"sort": value})
    assert response.status_code == 200
    assert f"Cannot sort by {value}" in response.content.decode().replace("&#x27;", "'")
    assert not [w for w in caught if "django_tables2" in str(w.filename)]


def test_a_sort_value_that_is_no_column_name_is_reported_on_an_export_too(analyst_client):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = analyst_client.get(
            reverse("contact-list"), {"sort": "../../etc/passwd", "_export": "csv"}
        )
    assert response.status_code == 200
    assert not [w for w in caught if "django_tables2" in str(w.filename)]


def test_two_columns_in_one_sort_value_are_both_applied(analyst_client):
    response = analyst_client.get(reverse("contact-list"), {"sort": "kind,-date"})
    assert tuple(response.context["table"].order_by) == ("kind", "-date")
    assert "Cannot sort by" not in response.content.decode()
