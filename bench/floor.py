"""The floor of a page served through the request path (issue 15's own measure: "rendered
by a plain Django template … through the same middleware").

`/__floor__/` is served by the same middleware as every page (sessions, authentication,
security headers, …), behind the same login check; it runs the page's captured SQL raw
(less the session's and the user's queries, which the middleware runs for it as for the
page) and renders as many rows and columns of short text with a minimal template.
bench/measure.py times it with the page's own client, after the page.
"""

import re

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.template import Context, Template
from django.urls import include, path

TEMPLATE = Template(
    "<table><tbody>{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>"
    "{% endfor %}</tr>{% endfor %}</tbody></table>"
)
DECLARE = re.compile(r'^DECLARE "[^"]+" NO SCROLL CURSOR WITH(?:OUT)? HOLD FOR ')  # PostgreSQL
REQUEST_TABLES = re.compile(r'FROM "(?:django_session|auth_user)"')  # the middleware's own


class Page:
    """The page whose floor is served next: its SQL and its table's shape."""

    queries: list = []
    shape: tuple = (0, 0)

    @classmethod
    def set(cls, queries, shape):
        cls.queries = [sql for sql in queries if not REQUEST_TABLES.search(sql)]
        cls.shape = shape

    @classmethod
    def rows(cls):
        return [[f"cell {r}.{c}" for c in range(cls.shape[1])] for r in range(cls.shape[0])]


def run_raw(queries):
    """Each query as logged, a server-side cursor's as a plain one; all rows read."""
    with connection.cursor() as cursor:
        for sql in queries:
            cursor.execute(DECLARE.sub("", sql).replace("%", "%%"))
            if cursor.description:
                cursor.fetchall()


@login_required
def floor(request):
    run_raw(Page.queries)
    return HttpResponse(TEMPLATE.render(Context({"rows": Page.rows()})))


urlpatterns = [path("__floor__/", floor), path("", include("tracker.urls"))]
