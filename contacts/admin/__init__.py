from . import accounts, people, places, records, sources  # noqa: F401
