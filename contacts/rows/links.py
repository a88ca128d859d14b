"""Records' addresses filled in per row from a pattern reversed once."""

SLOT = "0"  # stands for an id or a slug in a record's address


class Links:
    """Each model's address pattern, from its `get_absolute_url()` once, filled per row:
    `links.person(slug)` for `Links(person=(Person, "slug"))`; `prefix` (a site's base
    URL) goes before each."""

    def __init__(self, prefix="", **records):
        for attribute, (model, field) in records.items():
            url = model(**{field: SLOT}).get_absolute_url()
            at = url.rindex(SLOT)
            pattern = prefix + url[:at] + "{}" + url[at + 1 :]
            setattr(self, attribute, pattern.format)
