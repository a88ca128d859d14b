"""The list pages' filter forms, their widgets written in Python.

A list page renders its filter form (17 widgets on /contacts/) on every request, and Django
renders each widget through its templates: `text.html` includes `input.html`, which includes
`attrs.html`; a <select> includes `select_option.html` once per option. `QuickRenderer`
writes the HTML of Django's own input, select and multiple-hidden templates directly and
passes any other template to Django. Its HTML is Django's, character for character
(tests/test_filter_rendering.py compares the two for every filter form).
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize

from ..markup import conditional_escape

WIDGETS = "django/forms/widgets/"
INPUTS = frozenset(f"{WIDGETS}{name}.html" for name in ("text", "hidden", "date", "number"))
SELECT, OPTION = f"{WIDGETS}select.html", f"{WIDGETS}select_option.html"
MULTIPLE_HIDDEN = f"{WIDGETS}multiple_hidden.html"


def attributes(attrs):
    """Django's `attrs.html`: ` name="value"`, a bare ` name` for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def input_html(widget):
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{attributes(widget["attrs"])}>'
    )


def select_html(widget):
    """Django's `select.html`, or None when an option has a template of its own."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{attributes(widget["attrs"])}>']
    for group, options, _ in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{conditional_escape(localize(group))}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None
            parts.append(
                f'\n  <option value="{conditional_escape(option["value"])}"'
                f"{attributes(option['attrs'])}>{conditional_escape(localize(option['label']))}"
                "</option>\n"  # select_option.html ends with a newline
            )
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def multiple_hidden_html(widget):
    """Django's `multiwidget.html` of hidden inputs (its {% spaceless %} leaves them joined)."""
    if any(sub["template_name"] not in INPUTS for sub in widget["subwidgets"]):
        return None
    return "".join(input_html(sub) for sub in widget["subwidgets"])


class QuickRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        html = None
        if template_name in INPUTS:
            html = input_html(context["widget"])
        elif template_name == SELECT:
            html = select_html(context["widget"])
        elif template_name == MULTIPLE_HIDDEN:
            html = multiple_hidden_html(context["widget"])
        if html is None:
            return super().render(template_name, context, request=request)
        return html.strip()


QUICK_RENDERER = QuickRenderer()
