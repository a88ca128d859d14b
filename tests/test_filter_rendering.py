"""QuickRenderer: the list pages' filter forms, written in Python, as Django's templates would."""

import pytest
from django.forms.renderers import DjangoTemplates
from django.http import QueryDict
from django.test import override_settings

from contacts.lists.filters import ContactFilter, PersonFilter, SourceFilter, StatementFilter
from contacts.lists.rendering import QUICK_RENDERER
from contacts.models import Contact, Person, Source, Statement
from tests.factories import CountryFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

FILTER_SETS = [
    (ContactFilter, Contact),
    (StatementFilter, Statement),
    (SourceFilter, Source),
    (PersonFilter, Person),
]
HOSTILE = "<b>\"Qasem\" & 'Soleimani'</b>\u202e قاسم سلیمانی Макей"


def both_renderings(filter_class, model, data):
    data = QueryDict(data) if isinstance(data, str) else data
    form = filter_class(data, queryset=model.objects.all()).form
    assert form.renderer is QUICK_RENDERER
    quick = [str(field) for field in form]
    form.renderer = DjangoTemplates()
    return quick, [str(field) for field in form]


@pytest.fixture
def listed(db):
    CountryFactory(code="IQ", name="العراق <Iraq>")
    OrganisationFactory(name='Outlet "Quoted" & Co', kind="media")


@pytest.mark.parametrize("filter_class, model", FILTER_SETS)
def test_an_empty_filter_form_is_written_as_djangos_templates_write_it(listed, filter_class, model):
    quick, django = both_renderings(filter_class, model, "")
    assert quick == django
    assert any("<select" in html for html in quick) and any("<input" in html for html in quick)


@pytest.mark.parametrize("filter_class, model", FILTER_SETS)
def test_a_filled_filter_form_with_hostile_values_is_written_as_djangos_templates_write_it(
    listed, filter_class, model
):
    data = QueryDict(mutable=True)
    for name in filter_class(QueryDict(), queryset=model.objects.none()).form.fields:
        data.setlist(name, [HOSTILE])
    quick, django = both_renderings(filter_class, model, data)
    assert quick == django
    assert any("&lt;b&gt;&quot;Qasem&quot;" in html for html in quick)


def test_chosen_options_and_repeated_hidden_values_are_written_as_djangos_templates_write_them(
    listed,
):
    data = "kind=phone_call&direction=initiated&source=7"
    data += "&with_participant=a%22b&with_participant=Макей"
    quick, django = both_renderings(ContactFilter, Contact, data)
    assert quick == django
    assert any('<option value="phone_call" selected>' in html for html in quick)
    assert any(html.count('type="hidden" name="with_participant"') == 2 for html in quick)


@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_a_number_is_written_as_typed_even_with_thousand_separators_on(listed):
    quick, django = both_renderings(ContactFilter, Contact, "source=12345")
    assert quick == django
    assert any('value="12345"' in html for html in quick)


@pytest.mark.parametrize("filter_class, model", FILTER_SETS)
def test_no_widget_of_a_filter_form_goes_through_djangos_templates(
    listed, filter_class, model, monkeypatch
):
    templates = []
    original = DjangoTemplates.render

    def counted(self, template_name, context, request=None):
        templates.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", counted)
    form = filter_class(
        QueryDict("with_participant=a&with_participant=b"), queryset=model.objects.all()
    ).form
    html = "".join(str(field) for field in form)
    assert templates == [] and "<input" in html and "<select" in html
