"""Every model admin of the contacts app, registered on the admin site as it is imported."""

from . import accounts, people, places, records, sources  # noqa: F401
