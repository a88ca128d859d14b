"""Change lists that answer any query string (the admin site gives every ModelAdmin this).

- A search keeps its first MAX_SEARCH_WORDS words and MAX_SEARCH_CHARACTERS characters,
  and says so: every word adds one condition per search field, and 2,000 words overflow
  SQLite's expression tree ("Expression tree is too large").
- A filter on an id the database cannot hold (1e40) is refused like any other malformed
  filter value, as Django refuses "abc": it would otherwise fail in the database driver.
"""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG, IGNORED_PARAMS, PAGE_VAR
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import connection
from django.db.models.sql.query import Query
from django.utils.text import smart_split

MAX_SEARCH_WORDS = 20
MAX_SEARCH_CHARACTERS = 1000
INTEGER_LOOKUPS = {"exact", "in", "gt", "gte", "lt", "lte"}


def bounded_search(term):
    """`term` cut to the words and characters a search uses, and what was left out."""
    words = list(smart_split(term))
    notes = []
    if len(words) > MAX_SEARCH_WORDS:
        term = " ".join(words[:MAX_SEARCH_WORDS])
        notes.append(f"the first {MAX_SEARCH_WORDS} of its {len(words):,} words")
    if len(term) > MAX_SEARCH_CHARACTERS:
        term = term[:MAX_SEARCH_CHARACTERS]
        notes.append(f"its first {MAX_SEARCH_CHARACTERS:,} characters")
    note = f"The search used only {' and '.join(notes)}." if notes else ""
    return term, note


def integer_range(model, parameter):
    """(lowest, highest) value of the integer column a change list parameter compares
    (through relations: `country__id__exact`, `country__exact`), or None."""
    query = Query(model)
    try:
        lookups, parts, _ = query.solve_lookup_type(parameter)
        _, _, targets, rest = query.names_to_path(parts, model._meta)
    except (FieldError, FieldDoesNotExist, ValueError):
        return None
    if rest or (lookups and lookups[-1] not in INTEGER_LOOKUPS):
        return None
    try:
        return connection.ops.integer_field_range(targets[-1].get_internal_type())
    except KeyError:  # not an integer column
        return None


def out_of_range(model, parameters):
    """The first `name=value` whose whole number the compared column cannot hold."""
    for name, values in parameters.lists():
        if name in (*IGNORED_PARAMS, ERROR_FLAG, PAGE_VAR) or not (
            bounds := integer_range(model, name)
        ):
            continue
        low, high = bounds
        for part in (part for value in values for part in value.split(",")):
            try:
                number = int(part)
            except ValueError:
                continue  # not a number: Django's own lookup refuses it
            if (low is not None and number < low) or (high is not None and number > high):
                return f"{name}={part[:40]}"
    return None


class BoundedChangeListAdmin:
    def get_search_results(self, request, queryset, search_term):
        search_term, note = bounded_search(search_term)
        # Said once per page (facet counts search again), and not to an autocomplete.
        match = getattr(request, "resolver_match", None)
        if note and getattr(match, "url_name", "") != "autocomplete":
            if not getattr(request, "search_was_bounded", False):
                request.search_was_bounded = True
                self.message_user(request, note, messages.WARNING)
        return super().get_search_results(request, queryset, search_term)

    def get_changelist_instance(self, request):
        if problem := out_of_range(self.model, request.GET):
            raise IncorrectLookupParameters(f"No record has so large a number: {problem}")
        return super().get_changelist_instance(request)


def bound_every_change_list(site):
    """Give every registered ModelAdmin, Django's own (users, groups) included, the bounds."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, BoundedChangeListAdmin):
            continue
        original = type(model_admin)
        bounded = type(
            original.__name__,
            (BoundedChangeListAdmin, original),
            {"__module__": original.__module__, "__doc__": original.__doc__},
        )
        site._registry[model] = bounded(model, site)
