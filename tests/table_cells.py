"""The body cells of an analyst table page, for comparing two ways of drawing it.

`tests/data/table_cells.json` holds the cells that django-tables2's per-cell rendering
drew on the seed data before the pages drew their bodies from prepared rows (issue 15);
`python -m tests.table_cells` wrote it. Record ids in links are replaced by `N`: they
depend on the order tests create rows in, and PostgreSQL's sequences do not roll back.
"""

import json
import re
from html import unescape
from pathlib import Path

GOLDEN = Path(__file__).parent / "data" / "table_cells.json"
PAGES = [  # (address, query): seed pages whose every cell is compared
    ("/contacts/", {}),
    ("/contacts/", {"sort": "initiator"}),
    ("/contacts/", {"sort": "-source_count"}),
    ("/contacts/", {"q": "de-escalation"}),
    ("/contacts/", {"q": "Qasem"}),
    ("/contacts/", {"q": "embassy"}),
    ("/contacts/", {"participant": "mike-pompeo"}),
    ("/contacts/", {"per_page": "200"}),
    ("/statements/", {}),
    ("/statements/", {"q": "de-escalation"}),
    ("/statements/", {"q": "Qasem"}),
    ("/statements/", {"per_page": "200"}),
    ("/statements/", {"q": "escalat*"}),
    ("/statements/", {"medium": "tweet"}),
    ("/people/", {}),
    ("/people/", {"per_page": "200", "sort": "-name"}),
    ("/people/", {"name": "Soleimani"}),
    ("/sources/", {}),
    ("/sources/", {"sort": "outlet"}),
    ("/sources/", {"q": "Qasem"}),
]
ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
CELL = re.compile(r"<td\b[^>]*>.*?</td>", re.S)
IDS = re.compile(r"(/(?:contacts|statements|sources|people)/)\d+/|(#citation-|\?source=)\d+")


def spaced(html):
    """`html` with every run of whitespace made one space: a template's layout and the same
    markup written in Python compare equal."""
    return " ".join(str(html).split())


def cells(html):
    """[[cell HTML, ...], ...] of the page's table body, ids normalised."""
    tbody = html.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    rows = [CELL.findall(row) for row in ROW.findall(tbody)]
    return [
        [
            spaced(IDS.sub(lambda m: (m[1] or m[2]) + "N" + ("/" if m[1] else ""), cell))
            for cell in row
        ]
        for row in rows
    ]


LABEL = re.compile(r'data-label="([^"]*)">(.*?)</td>', re.S)
TAG = re.compile(r"<[^>]+>")


def shown_rows(html):
    """[{column header: cell text}, ...] of the page's table body, tags stripped."""
    tbody = html.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return [
        {label: unescape(TAG.sub("", cell)).strip() for label, cell in LABEL.findall(row)}
        for row in ROW.findall(tbody)
    ]


def key(path, query):
    return path + "?" + "&".join(f"{k}={v}" for k, v in sorted(query.items()))


def page_cells(client, pages=PAGES):
    return {key(path, query): cells(client.get(path, query).text) for path, query in pages}


if __name__ == "__main__":  # SQLITE_PATH=... DJANGO_SETTINGS_MODULE=tracker.settings
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("loaddata", *settings.SEED_FIXTURES, verbosity=0)
    user = User.objects.create_superuser("golden", "g@example.org", "x")
    client = Client()
    client.force_login(user)
    settings.ALLOWED_HOSTS = ["testserver"]
    GOLDEN.write_text(json.dumps(page_cells(client), ensure_ascii=False, indent=1) + "\n")
    print("wrote", GOLDEN)
