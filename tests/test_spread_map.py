"""Where an example runs: the committed map data, the maps on the overview, a county page and an
example page, coverage, the spread timeline and lists, and the hook that tells others.

Places other than an example's own municipalities come from providers (``examples.spread``);
these tests register a fake one that answers from memory, as the ``adoptions`` app will from the
database, and unregister it afterwards.
"""

import csv
import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from examples import maps, spread
from examples.models import County, ExamplePage, Municipality, StageChange
from tests.factories import ExamplePageFactory
from tests.spread_fakes import adoption, provided_places

pytestmark = pytest.mark.django_db

provided = pytest.fixture(provided_places, name="provided")

SVG = "{http://www.w3.org/2000/svg}"
DATA = Path(__file__).resolve().parent.parent / "examples" / "data"
CROSS = "/goda-exempel/cross-orebro-lan/"
THIS_YEAR = datetime.date.today().year


def text_of(element):
    """What a reader sees: the element's text with white space collapsed, as a browser shows it."""
    return " ".join(element.get_text(" ", strip=True).split())


def soup_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content.decode(), "html.parser")


def svg_of(element):
    """The map as an XML tree: inline SVG must be well-formed on its own."""
    return ElementTree.fromstring(str(element))


# The committed map --------------------------------------------------------------------------


def test_the_committed_map_has_every_county_and_municipality_of_the_taxonomy():
    """Production has no ../shared: the map must cover exactly the codes the site loads."""
    data = maps.geometry()
    with open(DATA / "counties.csv", encoding="utf-8") as f:
        counties = {row["code"] for row in csv.DictReader(f)}
    with open(DATA / "municipalities.csv", encoding="utf-8") as f:
        municipalities = {row["code"]: row["county_code"] for row in csv.DictReader(f)}
    assert len(counties) == 21 and len(municipalities) == 290
    assert set(data["counties"]) == counties
    assert set(data["municipalities"]) == set(municipalities)
    for code, shape in data["municipalities"].items():
        assert shape["county"] == municipalities[code], code
        assert shape["d"].startswith("M") and shape["d"].endswith("z"), code
        left, top, right, bottom = shape["box"]
        assert 0 <= left < right <= data["width"] and 0 <= top < bottom <= data["height"]
    assert all(shape["d"] for shape in data["counties"].values())
    assert "Open Knowledge Sweden" in data["attribution"]
    assert (DATA / "map" / "sweden.json").stat().st_size < 150_000


def test_the_readme_keeps_the_map_attribution():
    readme = (DATA.parent.parent / "README.md").read_text("utf-8")
    assert "okfse/sweden-geojson" in readme and "Valmyndigheten" in readme


# The overview --------------------------------------------------------------------------------


def test_the_overview_lists_the_widest_spread_and_this_years_news(demo, client, provided):
    cross = ExamplePage.objects.get(slug="cross-orebro-lan")
    this_year = datetime.date(THIS_YEAR, 1, 15)
    provided[cross.pk] = [
        adoption(cross, "1880", since=datetime.date(2020, 1, 1)),
        adoption(cross, "1881", since=this_year),
        adoption(cross, "1861", since=datetime.date(2019, 1, 1)),
    ]
    soup = soup_of(client, "/oversikt/")
    section = soup.find(id="spread-heading").parent
    lists = section.find_all(["ol", "ul"])
    assert [text_of(li) for li in lists[0].find_all("li")][0] == ("Cross i Örebro län – 4 kommuner")
    news = [text_of(li) for li in lists[1].find_all("li")]
    assert news[0] == "Cross i Örebro län – 1 ny plats"
    assert f"Nytt steg eller nya platser {THIS_YEAR}" in section.get_text()


def test_a_step_up_this_year_is_news_on_the_overview(demo, client):
    sexit = ExamplePage.objects.get(slug="sexit-jamtland")
    sexit.stage = 4
    sexit.save_revision().publish()
    section = soup_of(client, "/oversikt/").find(id="spread-heading").parent
    assert "SEXIT – tog ett steg uppåt" in text_of(section)


# A county page -------------------------------------------------------------------------------


def test_a_county_page_maps_its_municipalities_counting_adopters(demo, client, provided):
    """Kumla runs Cross (origin Karlskoga) only because it adopted it: it still counts.
    Örebro has its own example (Vivalla); Hallsberg has none."""
    cross = ExamplePage.objects.get(slug="cross-orebro-lan")
    provided[cross.pk] = [adoption(cross, "1881", since=datetime.date(2021, 1, 1))]
    soup = soup_of(client, "/lan/orebro-lan/")
    svg = svg_of(soup.select_one("#municipalities-heading ~ div svg"))
    links = {a.get("aria-label"): a.get("href") for a in svg.iter(f"{SVG}a")}
    assert len(links) == Municipality.objects.filter(county__code="18").count() == 12
    assert links["Kumla: 1 exempel"] == "/sok/?kommun=kumla"
    assert links["Karlskoga: 1 exempel"] == "/sok/?kommun=karlskoga"
    assert links["Örebro: 1 exempel"] == "/sok/?kommun=orebro"
    assert links["Hallsberg: 0 exempel"] == "/sok/?kommun=hallsberg"
    rows = {
        tr.th.get_text(strip=True): tr.td.get_text(strip=True)
        for tr in soup.find(id="municipality-table").tbody.find_all("tr")
    }
    assert rows["Kumla"] == rows["Karlskoga"] == rows["Örebro"] == "1" and rows["Hallsberg"] == "0"
    assert "Goda exempel körs i 3 av 12 kommuner i Örebro län" in text_of(soup)
    assert "Open Knowledge Sweden" in soup.select_one(".map-figure__credit").get_text()


# An example page -----------------------------------------------------------------------------


def test_an_example_page_shows_where_it_runs_with_coverage_and_timeline(demo, client, provided):
    cross = ExamplePage.objects.get(slug="cross-orebro-lan")
    orebro = County.objects.get(code="18")
    provided[cross.pk] = [
        adoption(
            cross,
            "1880",
            since=datetime.date(2024, 3, 1),
            precision="month",
            stage=3,
            history=(
                (datetime.date(2024, 3, 1), "month", 2),
                (datetime.date(2025, 1, 1), "year", 3),
            ),
        ),
        spread.Place(
            example_id=cross.pk,
            kind="internal",
            name="i Örebro län",
            county_id=orebro.pk,
            count=3,
            since=datetime.date(2025, 6, 1),
            precision="month",
        ),
    ]
    soup = soup_of(client, CROSS)
    section = soup.find(id="spread-heading").parent
    text = text_of(section)
    assert "5 av 12 kommuner i Örebro län (varav 3 kända bara som ett antal)" in text
    assert "5 av 290 kommuner i hela landet" in text
    assert "räknas de som ett antal" in text

    svg = svg_of(section.select_one("svg"))
    areas = {a.get("aria-label"): a for a in svg.iter(f"{SVG}a")}
    assert set(areas) == {"Karlskoga, här startade arbetet, steg 3", "Örebro, steg 3"}
    origin = areas["Karlskoga, här startade arbetet, steg 3"]
    assert "map__area--origin" in origin.get("class")
    assert origin.find(f"{SVG}path").get("class") == "map-stage-3"
    assert "map__area--origin" not in areas["Örebro, steg 3"].get("class")

    events = [text_of(li) for li in section.select(".spread-timeline li")]
    first = min(cross.stage_history.all(), key=StageChange.sort_key)
    assert events == [
        f"{first.date.year} : Karlskoga – där arbetet startade, på steg {first.stage}",
        "mars 2024 : Örebro – infört av en annan organisation, på steg 2",
        "2025 : Örebro, nu på steg 3",
        "juni 2025 : 3 kommuner (i Örebro län) – spridning inom den egna organisationen",
    ]


def test_an_example_naming_no_municipality_says_so_and_has_no_map(example_index, client):
    page = ExamplePageFactory(parent=example_index)
    section = soup_of(client, page.url).find(id="spread-heading").parent
    assert "Exemplet körs i ett län; vilka kommuner är inte angivet." in text_of(section)
    assert section.select_one("svg") is None


# Constant queries ------------------------------------------------------------------------------


def test_overview_county_and_example_pages_do_not_query_per_place(demo, client, provided):
    """A provider answers in its own queries (none here): the pages add none per place."""
    cross = ExamplePage.objects.get(slug="cross-orebro-lan")
    codes = list(Municipality.objects.order_by("code").values_list("code", flat=True))
    pages = ["/oversikt/", "/lan/orebro-lan/", "/lan/stockholms-lan/", CROSS]

    def counts():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        result = {}
        for path in pages:
            client.get(path)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(path).status_code == 200
            result[path] = len(ctx.captured_queries)
        return result

    provided[cross.pk] = [
        adoption(cross, code, since=datetime.date(2022, 1, 1)) for code in codes[:2]
    ]
    small = counts()
    provided[cross.pk] = [adoption(cross, code, since=datetime.date(2022, 1, 1)) for code in codes]
    large = counts()
    assert large == small
    assert all(n <= 15 for n in small.values()), small


# The hook ------------------------------------------------------------------------------------


def test_places_changed_purges_the_public_page_cache(db, django_capture_on_commit_callbacks):
    from website import pagecache

    before = pagecache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        spread.places_changed.send(sender=None, example_ids=[1])
    assert pagecache.generation() != before


def test_coverage_caps_counts_at_the_number_of_municipalities(taxonomy):
    vocabulary = maps.places_vocabulary()
    county = County.objects.get(code="06")
    place = spread.Place(example_id=1, kind="internal", name="", county_id=county.pk, count=40)
    per_county, national = spread.coverage(
        [place], vocabulary["municipalities"], vocabulary["counties"], vocabulary["totals"]
    )
    assert (per_county[0].name, per_county[0].runs_in, per_county[0].total) == (
        "Jönköpings län",
        13,
        13,
    )
    assert (national.runs_in, national.total) == (40, 290)


def test_stage_history_of_the_origin_dates_its_start(demo):
    cross = ExamplePage.objects.get(slug="cross-orebro-lan")
    first = min(cross.stage_history.all(), key=StageChange.sort_key)
    from examples.details import ExampleDetails

    places = spread.places_of(cross, ExampleDetails.load(cross))
    assert [(p.kind, p.name) for p in places] == [
        ("origin", "Karlskoga"),
        ("internal", "fem kommuner i Örebro län"),
    ]
    assert places[0].history[0][0] == first.date
