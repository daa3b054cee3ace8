"""Near-copies: one text published by several organisations is one hit on the search page.

A method that spreads is often published again by each organisation introducing it, with its
own name in the text and, often, its own ending. The search page lists such copies once and names the others under the
hit, so the other examples are not pushed off the first page; the API, the exports and the
follows still list every example. Copies are found the same way on every backend.
"""

import re

from django.urls import reverse
from django.utils import timezone

import pytest

from examples.models import County, ExamplePage
from search import nearcopies
from search.backends.base import PER_PAGE, SearchParams
from search.backends.database import DatabaseBackend
from tests.factories import ExamplePageFactory
from tests.opendata.conftest import index

pytestmark = pytest.mark.django_db

TEXT = (
    "{place} ordnar kvarterspromenader för äldre som bor ensamma. Varje vecka går en grupp "
    "tillsammans med en fysioterapeut från {place} genom bostadsområdet, stannar vid en "
    "mötesplats och fikar. Promenaderna ger motion, sällskap och kunskap om vad som finns i "
    "närheten. Under {year} deltog {count} personer, och flera av dem fortsätter att gå "
    "tillsammans på egen hand efter att gruppen har avslutats."
)
PLACES = [
    "Ljusdals kommun",
    "Region Gävleborg",
    "Malmö stad",
    "Hudiksvall",
    "Västra Götalandsregionen",
    "Örebro läns landsting",
]


def copy_text(number: int) -> str:
    return TEXT.format(place=PLACES[number % len(PLACES)], year=2020 + number, count=10 + number)


def publish(title: str, summary: str, county=None) -> ExamplePage:
    now = timezone.now()
    page = ExamplePageFactory(
        parent=ExamplePage.objects.first().get_parent(),
        title=title,
        summary=summary,
        county=county or County.objects.order_by("code").first(),
        first_published_at=now,
        last_published_at=now,
    )
    index([page])
    return page


@pytest.fixture
def copies(demo):
    """Five copies of one text (places and figures changed) and two other examples about the
    same thing in words of their own."""
    counties = list(County.objects.order_by("code")[:5])
    copied = [
        publish(f"Kvarterspromenader {number}", copy_text(number), counties[number])
        for number in range(5)
    ]
    others = [
        publish("Promenadgrupper för seniorer", "Seniorer i kvarteret går kvarterspromenader."),
        publish("Gå tillsammans", "Kvarterspromenader och samtal för den som bor ensam."),
    ]
    return copied, others


def result_titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="result__title"><a href="[^"]+">([^<]+)</a>', html)


def test_the_key_sets_aside_places_figures_case_and_punctuation():
    keys = {nearcopies.copy_key(number, copy_text(number), "") for number in range(6)}
    assert len(keys) == 1 and next(iter(keys)).startswith("text-")
    shouted = copy_text(0).upper().replace(".", "!")
    assert nearcopies.copy_key(9, shouted, "") in keys
    in_the_municipality = copy_text(0).replace("bor ensamma", "bor ensamma i kommunen")
    in_the_region = copy_text(1).replace("bor ensamma", "bor ensamma i regionen")
    assert nearcopies.copy_key(10, in_the_municipality, "") == nearcopies.copy_key(
        11, in_the_region, ""
    )


def test_a_copy_with_its_own_ending_is_still_a_copy():
    """An organisation that adds its own results, or rewrites the last sentences, publishes the
    same description: the opening decides."""
    original = nearcopies.copy_key(1, copy_text(0), "")
    own_results = "Hos oss har grupperna blivit fler, och biblioteket lånar ut stavar."
    assert nearcopies.copy_key(2, copy_text(0), own_results) == original
    followed_up = "Promenaderna utvärderas varje år tillsammans med deltagarna."
    assert nearcopies.copy_key(3, copy_text(1), followed_up) == nearcopies.copy_key(
        4, copy_text(2), own_results
    )
    new_opening = "Vi har tagit efter ett arbete i grannkommunen. " + copy_text(0)
    assert nearcopies.copy_key(5, new_opening, "") != original


def test_a_text_in_other_words_or_too_short_is_no_copy():
    original = nearcopies.copy_key(1, copy_text(0), "")
    assert nearcopies.copy_key(2, copy_text(0).replace("fikar", "dricker kaffe"), "") != original
    assert nearcopies.copy_key(3, "Kvarterspromenader för äldre.", "") == "sida-3"
    assert nearcopies.copy_key(4, "Kvarterspromenader för äldre.", "") == "sida-4"


def test_the_search_page_lists_a_copied_text_once_and_names_the_copies(client, copies):
    copied, others = copies
    html = client.get("/sok/", {"q": "kvarterspromenader"}).content.decode()
    titles = result_titles(html)
    assert len(titles) == 3  # the copies once, and the two others
    assert {page.title for page in others} < set(titles)
    (listed,) = [title for title in titles if title.startswith("Kvarterspromenader")]
    assert "3 träffar för" in html
    assert "4 exempel med samma beskrivning som en träff nämns under den." in html
    named = re.search(r'<p class="result__copies">(.*?)</p>', html, re.S).group(1)
    assert named.startswith("Samma beskrivning finns också i")
    assert len(re.findall(r"<a href=", named)) == nearcopies.SHOWN_COPIES
    assert "och 1 exempel till." in named
    assert listed not in named  # the hit itself is not among its copies
    for page in copied:
        if page.title in named:
            assert f'href="{page.url}"' in named


def test_the_page_links_to_every_copy_listed_and_back(client, copies):
    """ "Visa alla 7 exempel" lists the copies one by one, the paging and the sort keep doing
    so, and a link leads back to each text once."""
    copied, others = copies
    html = client.get("/sok/", {"q": "kvarterspromenader"}).content.decode()
    link = re.search(r'<a href="\?([^"]+)">Visa alla 7 exempel</a>', html)
    assert link, "the folded search links to every example"
    every = client.get("/sok/?" + link.group(1).replace("&amp;", "&")).content.decode()
    assert set(result_titles(every)) == {page.title for page in copied + others}
    assert "7 träffar för" in every
    assert "Alla exempel visas, också de med samma beskrivning som ett annat." in every
    assert "nämns under den" not in every and 'class="result__copies"' not in every
    back = re.search(r'<a href="\?([^"]+)">Visa varje beskrivning en gång</a>', every)
    assert back and "kopior" not in back.group(1)
    assert len(result_titles(client.get("/sok/?" + back.group(1)).content.decode())) == 3
    one_a_page = client.get(
        "/sok/", {"q": "kvarterspromenader", "kopior": "alla", "sortering": "nyast", "sida": 2}
    ).content.decode()
    assert "7 träffar för" in one_a_page
    assert re.search(r'href="\?[^"]*sortering=steg[^"]*kopior=alla', one_a_page)
    assert '<input type="hidden" name="kopior" value="alla">' in one_a_page  # filtering keeps it
    # Browsing without words lists every example anyway: nothing to ask for.
    browsed = client.get("/sok/", {"kopior": "alla", "lan": copied[0].county.slug})
    assert "Alla exempel visas" not in browsed.content.decode()


def test_copies_do_not_push_other_examples_off_the_first_page(demo):
    """The copies name the word in their title, so each ranks above the two other examples:
    listed one by one, a page of copies and the others on page 2."""
    for number in range(PER_PAGE + 2):
        publish(f"Kvarterspromenader i kvarteret {number}", copy_text(number))
    others = {
        publish("Promenadgrupper för seniorer", "Äldre går kvarterspromenader tillsammans.").pk,
        publish("Gå tillsammans", "Samtal och kvarterspromenader för den som bor ensam.").pk,
    }
    backend = DatabaseBackend()
    every = backend.search(SearchParams(query="kvarterspromenader"))
    assert not others & {hit.page_id for hit in every.hits}  # drowned, one by one
    collapsed = backend.search(SearchParams(query="kvarterspromenader", collapse=True))
    assert others <= {hit.page_id for hit in collapsed.hits}
    assert (collapsed.total, collapsed.listed, collapsed.copies) == (PER_PAGE + 4, 3, PER_PAGE + 1)


@pytest.mark.parametrize("sort", ["relevans", "nyast", "steg", "spridning"])
def test_paging_counts_each_group_once(copies, sort):
    """One hit a page: every group on exactly one page, in every order, and the count of
    groups is the number of pages."""
    backend = DatabaseBackend()
    first = backend.search(SearchParams(query="kvarterspromenader", sort=sort, collapse=True))
    seen = []
    for page in range(1, first.listed + 2):
        params = SearchParams(
            query="kvarterspromenader", sort=sort, page=page, per_page=1, collapse=True
        )
        seen += [hit.page_id for hit in backend.search(params).hits]
    assert len(seen) == len(set(seen)) == first.listed == 3
    assert first.total == 7


def test_without_collapse_every_copy_is_a_hit(client, copies):
    """The API, the exports and the follows list every example."""
    copied, others = copies
    results = DatabaseBackend().search(SearchParams(query="kvarterspromenader"))
    assert {hit.page_id for hit in results.hits} == {page.pk for page in copied + others}
    assert results.groups is None and results.listed == results.total == 7
    exported = client.get(reverse("opendata_search_csv"), {"q": "kvarterspromenader"})
    assert exported.status_code == 200
    rows = b"".join(exported.streaming_content if exported.streaming else [exported.content])
    assert all(page.title in rows.decode("utf-8-sig") for page in copied)


def test_a_copy_in_other_words_stays_a_hit_of_its_own(demo):
    publish("Kvarterspromenader A", copy_text(0))
    publish("Kvarterspromenader B", copy_text(1).replace("fikar", "dricker kaffe"))
    results = DatabaseBackend().search(SearchParams(query="kvarterspromenader", collapse=True))
    assert (results.total, results.listed) == (2, 2)


def test_the_server_collapses_the_same_copies(copies, osmem_backend):
    """Elasticsearch (here osmem-server) collapses on the same key: the same groups, counted
    the same, and the same total."""
    copied, others = copies
    osmem_backend.rebuild(lambda line: None)
    params = SearchParams(query="kvarterspromenader", collapse=True)
    on_server = osmem_backend.search(params)
    on_database = DatabaseBackend().search(params)
    assert (on_server.total, on_server.listed) == (on_database.total, on_database.listed) == (7, 3)
    listed = {hit.page_id for hit in on_server.hits}
    assert {page.pk for page in others} < listed
    assert len(listed & {page.pk for page in copied}) == 1
    assert len(osmem_backend.search(SearchParams(query="kvarterspromenader")).hits) == 7


def test_browsing_by_filters_alone_lists_every_copy(client, copies):
    """Without words the page is a catalogue: every example, as the county, goal and tag pages
    count them, and no copy named under another."""
    copied, _others = copies
    county = copied[0].county.slug
    html = client.get("/sok/", {"lan": county}).content.decode()
    assert copied[0].title in html
    listed = ExamplePage.objects.live().public().filter(county__slug=county).count()
    assert f"{listed} exempel" in html
    assert "result__copies" not in html and "search-results__copies" not in html
