import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
application = get_wsgi_application()

from contacts.search import countries, variants  # noqa: E402 (after the application is set up)

countries.warm()  # countries' names in other languages, read before the first search
variants.warm()  # English verbs' irregular forms, British and American spellings, likewise

# Objects made at start-up (settings, URL resolvers, templates) live as long as the
# process: freezing them keeps the garbage collector from re-scanning them on every
# collection, which otherwise adds tens of milliseconds to the slowest requests.
gc.collect()
gc.freeze()
