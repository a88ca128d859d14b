"""Settings for the Diplomatic Contact Tracker, driven by environment variables.

Local defaults are safe for a laptop: SQLite in the project folder and DEBUG on.
Set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/tracker) for PostgreSQL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEFAULT_SECRET_KEY = "local-development-only-not-a-secret"
PRODUCTION = os.environ.get("DJANGO_ENV", "development") == "production"
DEBUG = env_flag("DJANGO_DEBUG", not PRODUCTION)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEFAULT_SECRET_KEY)
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_ENV=production refuses to start with DEBUG on.")
    if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (50+ random characters) in production.")
    if "DATABASE_URL" not in os.environ:
        raise ImproperlyConfigured("Set DATABASE_URL in production.")
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

INSTALLED_APPS = [
    "contacts.apps.TrackerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "axes",
    "contacts",
    "intake",
]

MIDDLEWARE = [
    "contacts.middleware.FreezeLoadedObjectsMiddleware",  # outermost: after the whole response
    "django.middleware.security.SecurityMiddleware",
    "contacts.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (static files come pre-compressed) and above everything that reads or
    # writes a body. Streamed exports stay streamed: compress_sequence gzips chunk by chunk.
    # BREACH (Django's docs warn about compressing pages that hold secrets): the secret our
    # pages hold is the CSRF token, which Django masks afresh on every response, and
    # GZipMiddleware pads every compressed response with random bytes ("Heal The Breach").
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "contacts.middleware.NoStoreForUsersMiddleware",
    "contacts.middleware.RefreshIdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Password guessing (django-axes; contacts/login_throttle.py decides the locks): a username is
# locked after 5 failures from any addresses, an address after 20 for any usernames. The first
# lock lasts a minute; each failure after a lock ends locks again for twice as long, up to a day.
# Failures made while locked are refused and not counted, so no burst of requests locks anyone
# for long; failures are forgotten a day after the last one (AXES_COOLOFF_TIME). A successful
# log-in forgets its username's failures. Administrators unlock users from the admin.
LOGIN_FAILURE_LIMITS = {
    "username": int(os.environ.get("AXES_FAILURE_LIMIT", "5")),
    "ip_address": int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20")),
}
LOGIN_COOLOFF_FIRST = timedelta(minutes=1)
LOGIN_COOLOFF_MAX = timedelta(days=1)
# Reverse proxies in front of the app, each appending to X-Forwarded-For: the client address is
# that many entries from its right. Production assumes one (nginx, Caddy); 0 means REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1" if PRODUCTION else "0"))
AXES_HANDLER = "contacts.login_throttle.LoginThrottle"
AXES_LOCKOUT_PARAMETERS = list(LOGIN_FAILURE_LIMITS)  # each counted on its own, not together
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMITS["username"]
AXES_COOLOFF_TIME = LOGIN_COOLOFF_MAX
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "contacts.login_throttle.client_address"
AXES_LOCKOUT_CALLABLE = "contacts.login_throttle.lockout_response"
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Only the app's own scripts and styles; the admin's inline-free pages comply too.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"
ASGI_APPLICATION = "tracker.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

SQLITE_PATH = os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{SQLITE_PATH}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets analysts read while an editor writes; IMMEDIATE takes the write
    # lock at BEGIN so concurrent editors wait (busy timeout) instead of failing.
    # The file is read through a memory map (up to SQLITE_MMAP_SIZE bytes, SQLite's own
    # ceiling by default): a page that looks rows up by id one at a time (a search's
    # count beside another filter) otherwise makes a system call per database page.
    mmap_size = int(os.environ.get("SQLITE_MMAP_SIZE", str(2**31 - 2**16)))
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size={mmap_size};"
        ),
    }
else:
    # No JIT compilation: the app's queries read a page's worth of rows, or stream an
    # export; compiling a plan the planner thinks costly took 0.6 s before an export's first
    # byte at 1M contacts (bench/results.md), and saved nothing on any page.
    # Random reads planned as cheap as PostgreSQL's documentation suggests for solid-state
    # storage (1.1; its default, 4, models spinning disks): a search beside a filter that has
    # an index (`/statements/?q=minister&medium=tweet`) then reads that filter's rows from the
    # index, 11,600 of them at 1M contacts, not every statement in turn until 10,001 match
    # (93,000 rows and their text vectors): that page's p50 went from 146 to 73 ms.
    # Every sequential scan starts at the table's first page: by default a scan of a large
    # table joins one already under way, or starts where the last one stopped, so that a
    # common word's first 10,001 matches (its count, and past the cap the chart's and the
    # facets' sample) were other rows on each reload of the same page (1M contacts,
    # `/contacts/?q=minister`; a plan run by parallel workers may still mix their rows).
    random_page_cost = float(os.environ.get("DATABASE_RANDOM_PAGE_COST", "1.1"))
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c jit=off -c random_page_cost={random_page_cost} -c synchronize_seqscans=off"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A session ends after this many idle seconds. Activity starts the count again, written at
# most once every SESSION_REFRESH_SECONDS (contacts.middleware.RefreshIdleSessionMiddleware)
# rather than on every request, which would add three queries to every page.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_IDLE_SECONDS", str(2 * 60 * 60)))
SESSION_REFRESH_SECONDS = 300
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Front-end libraries come from npm packages installed by the set-up (package.json).
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS += [
    ("vendor/cytoscape", NODE_MODULES / "cytoscape" / "dist"),
    ("vendor/axe-core", NODE_MODULES / "axe-core"),
    # The graph's layout (fCoSE needs cose-base and layout-base) and its SVG export.
    ("vendor/layout-base", NODE_MODULES / "layout-base"),
    ("vendor/cose-base", NODE_MODULES / "cose-base"),
    ("vendor/cytoscape-fcose", NODE_MODULES / "cytoscape-fcose"),
    ("vendor/cytoscape-svg", NODE_MODULES / "cytoscape-svg"),
]
# Production serves what `collectstatic` wrote: hashed names (cached for good, "immutable"),
# each with a gzip twin. Development reads the source folders directly, so edits show at once.
STATIC_STORAGE = (
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if PRODUCTION
    else "whitenoise.storage.CompressedStaticFilesStorage"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": STATIC_STORAGE},
}
WHITENOISE_USE_FINDERS = not PRODUCTION

DJANGO_TABLES2_TEMPLATE = "django_tables2/analyst_table.html"
TABLE_PAGE_SIZE = 50
TABLE_MAX_PAGE_SIZE = 200
TABLE_COUNT_CAP = int(os.environ.get("TABLE_COUNT_CAP", "10000"))
FACET_SAMPLE = int(os.environ.get("FACET_SAMPLE", "2000"))  # rows the facets count among
XLSX_EXPORT_LIMIT = int(os.environ.get("XLSX_EXPORT_LIMIT", "50000"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
SEED_FIXTURES = ["countries", "organisations", "people", "sources", "contacts", "statements"]
