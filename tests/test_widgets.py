"""QuickSelect: the same <select> as Django's, built without a template per option."""

import re

import pytest
from django import forms

from contacts.lists.widgets import QuickSelect
from contacts.models import Country

pytestmark = pytest.mark.django_db

OPTION = re.compile(r'<option value="([^"]*)"\s*(selected)?>([^<]*)</option>')


def rendered(widget_class, value):
    field = forms.ModelChoiceField(
        queryset=Country.objects.order_by("name"), required=False, widget=widget_class
    )
    return field.widget.render("country", value, attrs={"id": "id_country", "class": "wide"})


@pytest.fixture
def countries(db):
    return [
        Country.objects.create(code="CI", name='Côte d\'Ivoire <& "sud">'),
        Country.objects.create(code="IQ", name="العراق"),
        Country.objects.create(code="RU", name="Россия"),
    ]


def test_a_quick_select_lists_the_options_django_would_with_the_chosen_one_selected(countries):
    chosen = countries[1].pk
    quick, django = rendered(QuickSelect, chosen), rendered(forms.Select, chosen)
    assert OPTION.findall(quick) == OPTION.findall(django)
    assert [selected for _, selected, _ in OPTION.findall(quick)].count("selected") == 1
    assert len(OPTION.findall(quick)) == 4  # the empty choice and three countries


def test_a_quick_select_escapes_names_and_keeps_the_fields_attributes(countries):
    html = rendered(QuickSelect, None)
    assert "Côte d&#x27;Ivoire &lt;&amp; &quot;sud&quot;&gt;" in html
    assert re.match(r'<select name="country"( (id="id_country"|class="wide")){2}>', html)
    assert re.findall(r"<option [^>]*selected", html) == ['<option value="" selected']


def test_grouped_choices_are_listed_in_order():
    widget = QuickSelect(choices=[("", "---"), ("Europe", [("fr", "France"), ("de", "Germany")])])
    html = widget.render("c", "de")
    assert OPTION.findall(html) == [
        ("", "", "---"),
        ("fr", "", "France"),
        ("de", "selected", "Germany"),
    ]
