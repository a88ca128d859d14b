"""The who-reached-out-to-whom graph and the timeline charts, in Chromium at 1366x900."""

import datetime
import random
import struct

import pytest
from django.contrib.auth.models import Group, User

from contacts.groups import ensure_groups
from contacts.models import Contact, Country, Participant, Person
from contacts.text import name_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}

LABEL_OVERLAPS = """() => {
  const boxes = networkGraph.nodes().map(
    node => node.boundingBox({includeLabels: true, includeNodes: false}));
  const pairs = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => {
    if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs.push([i, i + j + 1]);
  }));
  return {labels: boxes.filter(box => box.w > 0 && box.h > 0).length, overlaps: pairs.length};
}"""


def watched_page(browser, live_server, username, password):
    """A logged-in page at 1366x900 that records console errors and uncaught exceptions."""
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.problems = []
    page.on(
        "console",
        lambda message: (
            message.type in ("error", "warning")
            and page.problems.append(f"{message.type}: {message.text}")
        ),
    )
    page.on("pageerror", lambda error: page.problems.append(f"pageerror: {error}"))
    page.goto("/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


# A point on the edge where nothing else is drawn (Cytoscape's renderer finds what is there).
EDGE_POINT = """(() => {
  const edge = networkGraph.$id('%s'), a = edge.renderedSourceEndpoint(),
    b = edge.renderedTargetEndpoint(), renderer = networkGraph.renderer();
  for (const t of [0.5, 0.55, 0.45, 0.6, 0.4, 0.65, 0.35, 0.7, 0.3, 0.75, 0.25, 0.8, 0.2]) {
    const point = {x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)};
    const model = networkGraph.renderer().projectIntoViewport(
      point.x + networkGraph.container().getBoundingClientRect().left,
      point.y + networkGraph.container().getBoundingClientRect().top);
    if (renderer.findNearestElement(model[0], model[1], true, false) === edge) return point;
  }
  return null;  // every point of it is nearer another element: it cannot be clicked
})()"""


@pytest.fixture
def analyst_page(browser, live_server, seeded):
    """The seed data, seen by an analyst."""
    page = watched_page(browser, live_server, "analyst-browser", "analyst-browser-pw")
    yield page
    page.context.close()


@pytest.fixture
def synthetic_page(browser, live_server, transactional_db):
    """Only a synthetic network of 200 people (no seed), seen by an analyst."""
    ensure_groups()  # transactional tests flush the rows the migration created
    user = User.objects.create_user("analyst-graph", password="analyst-graph-pw")
    user.groups.add(Group.objects.get(name="Analyst"))
    synthetic_network()
    page = watched_page(browser, live_server, "analyst-graph", "analyst-graph-pw")
    yield page
    page.context.close()


def open_graph(page, path="/network/"):
    page.goto(path)
    page.wait_for_selector("#network-graph[data-drawn]", timeout=20_000)
    return int(page.get_attribute("#network-graph", "data-drawn"))


def click_element(page, selector_js):
    """Click where Cytoscape draws an element (`selector_js` gives its rendered point)."""
    point = page.evaluate(f"() => {selector_js}")
    assert point is not None, f"nothing to click: {selector_js}"
    box = page.locator("#network-graph").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def check_contacts_per_day_as_links(page):
    """The contacts list charts its rows per week; a bar lists that week's rows."""
    page.goto("/contacts/?participant=mike-pompeo")
    bars = page.locator(".timeline-chart svg a")
    assert bars.count() >= 3
    assert (
        page.locator(".timeline-chart").evaluate("node => node.getBoundingClientRect().height")
        < 200
    )
    label = bars.last.get_attribute("aria-label")
    bars.last.click()
    page.wait_for_url("**/contacts/?*date_from=*")
    assert "participant=mike-pompeo" in page.url
    shown = page.locator("table tbody tr").count()
    assert f": {shown} contact" in label
    assert page.problems == []


def test_seed_graph_is_readable_exports_and_links_and_contacts_are_charted(analyst_page):
    page = analyst_page
    check_contacts_per_day_as_links(page)
    drawn = open_graph(page)
    assert drawn >= 9
    assert "graph-pending" not in page.get_attribute("#network-graph", "class")
    measured = page.evaluate(LABEL_OVERLAPS)
    assert measured == {"labels": drawn, "overlaps": 0}
    # Settled before it is shown: nothing moves afterwards.
    before = page.evaluate("() => networkGraph.nodes().map(n => n.position())")
    page.wait_for_timeout(300)
    assert page.evaluate("() => networkGraph.nodes().map(n => n.position())") == before
    # Contacts whose initiator is unknown: dashed lines without arrows.
    undirected = page.evaluate(
        "() => networkGraph.edges('.undirected').map(e => "
        "[e.style('line-style'), e.style('target-arrow-shape')])"
    )
    assert undirected and set(map(tuple, undirected)) == {("dashed", "none")}

    zoom = page.evaluate("() => networkGraph.zoom()")
    page.click("[data-graph=zoom-in]")
    assert page.evaluate("() => networkGraph.zoom()") > zoom
    page.click("[data-graph=fit]")

    with page.expect_download() as png:
        page.click("[data-graph=png]")
    data = open(png.value.path(), "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width > 500 and height > 300
    with page.expect_download() as svg:
        page.click("[data-graph=svg]")
    assert "Dominic Raab" in open(svg.value.path(), encoding="utf-8").read()

    click_element(page, EDGE_POINT % "person:mike-pompeo->person:dominic-raab")
    page.wait_for_url("**/contacts/?*initiator=mike-pompeo*")
    assert "recipient=dominic-raab" in page.url
    assert page.locator("table tbody tr").count() == 1

    open_graph(page)
    click_element(page, "networkGraph.$id('person:dominic-raab').renderedPosition()")
    page.wait_for_url("**/people/dominic-raab/")
    assert page.problems == []


def test_the_same_contacts_are_drawn_the_same_way_on_every_load(analyst_page):
    positions = "() => networkGraph.nodes().map(n => [n.id(), n.position()])"
    open_graph(analyst_page)
    first = analyst_page.evaluate(positions)
    open_graph(analyst_page)
    assert analyst_page.evaluate(positions) == first
    assert len({(p["x"], p["y"]) for _, p in first}) == len(first)  # laid out, not stacked


def synthetic_network(nodes=200, extra=40, seed=14):
    """`nodes` people joined by a random tree and `extra` more contacts; names of many lengths,
    two in five contacts with no initiator."""
    rng = random.Random(seed)
    country = Country.objects.create(code="XS", name="Synthetica")
    words = ["Ali", "Maria", "Wang", "Olusegun", "Ní Bhriain", "Abdul-Rahman", "Jo", "Kowalczyk"]
    people = Person.objects.bulk_create(
        Person(
            name=(name := " ".join(rng.choice(words) for _ in range(rng.randint(1, 4))) + f" {n}"),
            slug=f"synthetic-{n}",
            name_key=name_key(name),
            country=country,
        )
        for n in range(nodes)
    )
    pairs = [(people[n], people[rng.randrange(n)]) for n in range(1, nodes)]
    pairs += [tuple(rng.sample(people, 2)) for _ in range(extra)]
    day = datetime.date(2020, 1, 3)
    contacts = Contact.objects.bulk_create(
        Contact(kind="phone_call", date_start=day, date_end=day, summary="Synthetic.")
        for _ in pairs
    )
    Participant.objects.bulk_create(
        Participant(
            contact=contact,
            person=person,
            country=country,
            contact_date=day,
            is_initiator=known and person == one,
        )
        for contact, (one, other) in zip(contacts, pairs, strict=True)
        for known in [rng.random() > 0.4]
        for person in (one, other)
    )


def test_two_hundred_people_are_drawn_without_overlapping_labels(synthetic_page):
    page = synthetic_page
    assert open_graph(page) == 200
    assert page.evaluate(LABEL_OVERLAPS)["overlaps"] == 0
    assert int(page.get_attribute("#network-graph", "data-layout-ms")) < 5000
    assert page.problems == []
