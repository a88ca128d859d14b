from django.contrib import admin

from . import people, places, records, sources  # noqa: F401

admin.site.site_header = "Diplomatic Contact Tracker: editors"
admin.site.site_title = "Contact Tracker admin"
admin.site.index_title = "Records"
