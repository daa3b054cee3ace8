"""Översikt: the county × stage table, chart and map, goals, and the "Tagit nästa steg" feed."""

import datetime
from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils import WagtailPageTestCase

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from examples.demo import content
from examples.models import (
    County,
    CustomImage,
    ExamplePage,
    Goal,
    OverviewPage,
    Stage,
    StageChange,
)
from examples.overview.charts import map_class
from tests import sitemap
from tests.factories import ExamplePageFactory
from website.models import HomePage

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def overview(demo):
    return OverviewPage.objects.get()


def soup_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content.decode(), "html.parser")


def table_rows(table):
    """{row header text: [cell texts]} of a table's body and foot."""
    rows = {}
    for tr in table.select("tbody tr, tfoot tr"):
        rows[tr.th.get_text(strip=True)] = [td.get_text(strip=True) for td in tr.find_all("td")]
    return rows


def parse_svg(element):
    """The SVG as an XML tree: it must be well-formed XML on its own."""
    return ElementTree.fromstring(str(element))


class OverviewPageTreeTests(WagtailPageTestCase):
    def test_overview_lives_once_under_the_start_page(self):
        self.assertAllowedParentPageTypes(OverviewPage, {HomePage})
        self.assertAllowedSubpageTypes(OverviewPage, set())
        assert OverviewPage.max_count == 1


def test_the_demo_has_the_overview_in_the_menu_and_the_sitemap(overview, client):
    assert (overview.slug, overview.title, overview.show_in_menus) == ("oversikt", "Översikt", True)
    assert overview.url == "/oversikt/"
    assert "/oversikt/" in sitemap.paths(client)
    nav = soup_of(client, "/").select_one("nav.site-nav, .site-nav")
    assert "/oversikt/" in [a["href"] for a in nav.find_all("a")]


def test_county_stage_table_counts_the_demo_examples(overview, client):
    expected = Counter((spec["county"], spec["stage"]) for spec in content.EXAMPLES)
    soup = soup_of(client, overview.url)
    table = soup.find(id="county-stage-table")
    assert table.caption.get_text(strip=True) == "Goda exempel per län och steg"
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col"] * 6
    assert all(tr.th["scope"] == "row" for tr in table.tbody.find_all("tr"))

    rows = table_rows(table)
    assert len(rows) == 21 + 1  # every county, and the country
    for county in County.objects.all():
        by_stage = [expected[(county.code, stage.value)] for stage in Stage]
        assert rows[county.name] == [str(n) for n in [*by_stage, sum(by_stage)]], county.name
    assert rows["Jämtlands län"] == ["0", "0", "1", "0", "1"]
    assert rows["Stockholms län"] == ["0", "0", "0", "0", "0"]
    totals = Counter(spec["stage"] for spec in content.EXAMPLES)
    assert rows["Hela landet"] == [str(totals[s.value]) for s in Stage] + [
        str(len(content.EXAMPLES))
    ]


def test_overview_counts_only_published_public_examples(overview, client):
    sexit = ExamplePage.objects.get(slug="sexit-jamtland")
    sexit.unpublish()
    rows = table_rows(soup_of(client, overview.url).find(id="county-stage-table"))
    assert rows["Jämtlands län"] == ["0", "0", "0", "0", "0"]


def test_the_chart_is_wellformed_svg_with_an_accessible_name_pointing_to_the_table(
    overview, client
):
    soup = soup_of(client, overview.url)
    svg_element = soup.select_one(".overview-chart svg")
    svg = parse_svg(svg_element)
    assert svg.get("role") == "img"
    label_ids = svg.get("aria-labelledby").split()
    texts = {el.get("id"): "".join(el.itertext()) for el in svg.iter() if el.get("id")}
    assert texts[label_ids[0]] == "Stapeldiagram: goda exempel per län och steg"
    assert "tabellen Goda exempel per län och steg" in texts[label_ids[1]]
    assert soup.select_one(".overview-chart figcaption a")["href"] == "#county-stage-table"

    # Every county has a row, with its name and the same numbers as the table.
    labels = [t.text for t in svg.iter(f"{SVG}text") if "overview-chart__county" in t.get("class")]
    assert sorted(labels) == sorted(County.objects.values_list("name", flat=True))
    numbers = [t.text for t in svg.iter(f"{SVG}text") if "overview-chart__number" in t.get("class")]
    rows = table_rows(soup.find(id="county-stage-table"))
    county_rows = [cells for name, cells in rows.items() if name != "Hela landet"]
    assert numbers == [n for cells in county_rows for n in cells]


def test_every_county_on_the_map_links_to_its_county_page(overview, client):
    soup = soup_of(client, overview.url)
    svg = parse_svg(soup.select_one(".overview-map svg"))
    assert svg.get("aria-labelledby")
    links = {a.get("href"): a.get("aria-label") for a in svg.iter(f"{SVG}a")}
    counties = list(County.objects.all())
    assert len(links) == len(counties) == 21
    for county in counties:
        assert f"/lan/{county.slug}/" in links, county.name
        assert client.get(f"/lan/{county.slug}/").status_code == 200
    assert links["/lan/jamtlands-lan/"] == "Jämtlands län: 1 exempel"


def test_map_counties_are_coloured_by_the_number_of_examples_with_a_legend(overview, client):
    soup = soup_of(client, overview.url)
    svg = parse_svg(soup.select_one(".overview-map svg"))
    per_county = Counter(spec["county"] for spec in content.EXAMPLES)
    slugs = dict(County.objects.values_list("slug", "code"))
    for link in svg.iter(f"{SVG}a"):
        code = slugs[link.get("href").strip("/").split("/")[-1]]
        path = link.find(f"{SVG}path")
        assert path.get("class") == map_class(per_county[code]).css
    legend = [
        li.get_text(" ", strip=True) for li in soup.select(".overview-map .overview-legend li")
    ]
    assert legend[0].startswith("0 (") and legend[-1].startswith("6 eller fler")
    assert sum(int(item.split("(")[1].split()[0]) for item in legend) == 21
    credit = soup.select_one(".overview-map .map-figure__credit").get_text()
    assert "Open Knowledge Sweden" in credit


def test_goal_areas_and_goals_with_their_counts(overview, client):
    sexit = ExamplePage.objects.get(slug="sexit-jamtland")
    goal = Goal.objects.get(number=9)
    expected = ExamplePage.objects.live().filter(goals=goal).count() + 1
    sexit.goals = [goal]
    sexit.save_revision().publish()

    soup = soup_of(client, overview.url)
    tables = soup.select(".overview-goals table")
    assert len(tables) == 3
    rows = {}
    for table in tables:
        rows.update(table_rows(table))
    assert len(rows) == 22
    assert rows[f"9. {goal.text}"] == [str(expected)]
    area_heading = soup.find(id=f"overview-area-{goal.area.slug}")
    area_count = area_heading.find_next("p").get_text(strip=True)
    assert area_count.startswith(f"{expected} exempel")


def test_stage_ladder_shows_the_counts(overview, client):
    totals = Counter(spec["stage"] for spec in content.EXAMPLES)
    soup = soup_of(client, overview.url)
    counts = [
        li.select_one(".ladder__count").get_text(strip=True) for li in soup.select(".ladder li")
    ]
    assert counts == [f"{totals[s.value]} exempel" for s in Stage]


def move_to_stage(slug, stage):
    page = ExamplePage.objects.get(slug=slug)
    page.stage = stage
    page.save_revision().publish()
    return page


def test_the_feed_shows_no_move_that_nobody_reported(overview, client):
    """The demo knows each example's step in 2023 only: no example has moved yet."""
    soup = soup_of(client, overview.url)
    feed = soup.find(id="feed-heading").parent
    assert "Inget exempel har bytt steg ännu" in feed.get_text()
    assert "feed-heading" not in client.get("/").content.decode()


def test_a_reported_move_shows_in_the_feed_on_the_overview_and_the_start_page(overview, client):
    page = move_to_stage("sexit-jamtland", Stage.REGULAR)
    change = page.stage_history.get(stage=Stage.REGULAR)
    change.date = datetime.date(2026, 3, 12)
    change.precision = StageChange.Precision.MONTH
    change.save()

    for path in (overview.url, "/"):
        item = soup_of(client, path).select_one(".stage-feed__item")
        text = " ".join(item.get_text(" ", strip=True).split()).replace(" ,", ",")
        assert text == "SEXIT gick från steg 3 till steg 4, mars 2026", path
        assert item.a["href"] == page.url
        assert item.time["datetime"] == "2026-03"


def test_the_feed_lists_the_newest_moves_of_published_examples_only(overview, client):
    move_to_stage("sexit-jamtland", Stage.REGULAR)
    move_to_stage("cross-orebro-lan", Stage.REGULAR)
    hidden = move_to_stage("barnsakert-blekinge", Stage.REGULAR)
    hidden.unpublish()
    StageChange.objects.filter(page__slug="cross-orebro-lan", stage=Stage.REGULAR).update(
        date=datetime.date(2025, 1, 1)
    )

    items = soup_of(client, overview.url).select(".stage-feed__item a")
    assert [a["href"] for a in items] == [
        ExamplePage.objects.get(slug="sexit-jamtland").url,
        ExamplePage.objects.get(slug="cross-orebro-lan").url,
    ]


# Queries ------------------------------------------------------------------------------------


def add_examples(index, n):
    """Published examples like the demo's, each of which has moved from step 2 to step 3."""
    goal = Goal.objects.get(slug="fallskador-hos-aldre")
    image = CustomImage.objects.first()
    pages = []
    for _ in range(n):
        page = ExamplePageFactory(parent=index, cover_image=image)
        page.goals = [goal]
        page.tags.add("testtagg")
        page.stage = Stage.SCALING
        page.save()
        pages.append(page)
    return pages


def queries(client, path):
    client.get(path)  # warm the caches every request shares
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_number_of_examples(overview, client, example_index):
    """5 and then 50 more examples, all related to each other and all in the feed."""
    example = add_examples(example_index, 5)[0]
    ceilings = {overview.url: 22, "/": 20, example.url: 32}
    small = {path: queries(client, path) for path in ceilings}
    add_examples(example_index, 45)
    large = {path: queries(client, path) for path in ceilings}
    assert large == small
    assert all(small[path] <= ceiling for path, ceiling in ceilings.items()), small
