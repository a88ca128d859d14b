from . import people, places, records, sources  # noqa: F401
