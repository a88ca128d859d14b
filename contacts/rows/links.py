"""Records' addresses filled in per row from a pattern reversed once."""

from urllib.parse import quote

SLOT = "0"  # stands for an id or a slug in a record's address


class Links:
    """Each model's address pattern, from its `get_absolute_url()` once, filled per row:
    `links.person(slug)` for `Links(person=(Person, "slug"))`; `prefix` (a site's base
    URL) goes before each."""

    def __init__(self, prefix="", **records):
        self.parts = {}  # attribute: (the address before the id or slug, after it)
        for attribute, (model, field) in records.items():
            url = model(**{field: SLOT}).get_absolute_url()
            at = url.rindex(SLOT)
            self.parts[attribute] = (prefix + url[:at], url[at + 1 :])
            setattr(self, attribute, filler(*self.parts[attribute]))


def filler(before, after):
    """`fill(value)`: the address with `value` quoted as `reverse()` quotes it (a slug may
    hold any letter: алексей is %D0%B0%D0%BB…)."""

    def fill(value):
        if type(value) is int:  # an id: nothing to quote
            return f"{before}{value}{after}"
        return before + quote(str(value)) + after

    return fill
