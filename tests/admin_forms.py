"""What a browser submits for an admin change page, built from the page's own forms."""

import datetime

from django.forms import CheckboxInput


def field_values(form):
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(field.widget, CheckboxInput):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        elif isinstance(value, datetime.date):
            data[key] = value.isoformat()
        elif value is not None:
            data[key] = str(value)
    return data


def submitted(response, **changes):
    """The POST data for the admin page in `response`, left as shown, with `changes`
    (main-form field names, or full inline names such as "aliases-0-name")."""
    data = field_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(k): str(v) for k, v in management.initial.items()})
        for form in formset.forms:
            data.update(field_values(form))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data
