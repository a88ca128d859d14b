import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
application = get_wsgi_application()

from tracker.startup import settle  # noqa: E402 (after the application is set up)

settle()  # the search's language data read, what start-up loaded frozen
