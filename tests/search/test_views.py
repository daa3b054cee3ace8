"""The search page and the autocomplete endpoint, as a visitor's browser gets them."""

import re
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

import pytest

from examples.models import ExamplePage
from search.backends import FALLBACK_NOTICE
from search.backends.base import MAX_QUERY_LENGTH
from search.backends.elasticsearch import default_client
from tests.search.fakes import FakeElasticsearch

pytestmark = pytest.mark.django_db


def html(client, **params):
    response = client.get("/sok/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_facets_with_counts_and_goals_grouped_by_area(demo, client):
    page = html(client)
    assert 'name="lan" value="jonkopings-lan"' in page
    assert 'Jönköpings län <span class="facet__count">2' in page
    assert "<legend>God och jämlik hälsa</legend>" in page
    assert 'name="kommun"' in page  # the municipality filter


def test_whole_state_in_the_url(demo, client):
    page = html(client, q="barn", lan=["blekinge-lan", "jonkopings-lan"], sortering="steg")
    assert (
        'id="facet-lan-blekinge-lan" name="lan" value="blekinge-lan" form="search-form" checked'
        in page
    )
    # Removing one filter keeps the words, the other filter and the sort.
    assert 'href="?q=barn&amp;lan=jonkopings-lan&amp;sortering=steg"' in page
    assert 'aria-current="true"><strong>Steg</strong>' in page


def test_results_are_highlighted(demo, client):
    page = html(client, q="hembesök")
    assert "<mark>hembesök</mark>" in page
    assert "1 träff för ”hembesök”" in page


def test_empty_results_help(demo, client):
    page = html(client, q="hundrastgård", steg="4")
    assert "Inga exempel matchade ”hundrastgård” med de valda filtren" in page
    assert 'href="?q=hundrastg%C3%A5rd">Sök utan steg: 4. ' in page


def test_a_misspelt_word_shows_its_examples_and_the_correction(demo, client):
    page = html(client, q="famljecentral")
    assert "Lokala hälsocenter och familjecentraler" in page
    assert 'Menade du <a href="?q=familjecentral">familjecentral</a>?' in page


def test_partial_matches_say_so_in_one_sentence(demo, client):
    page = html(client, q="hembesök jämtland")
    assert "Inga exempel innehåller alla orden – visar de som innehåller flest." in page
    assert "Inga exempel innehåller alla orden" not in html(client, q="hembesök kalmar")


def test_a_municipality_nobody_names_shows_its_county_and_says_so(demo, client):
    page = html(client, q="Västerås")
    assert "Inga exempel nämner Västerås – visar exempel från Västmanlands län." in page
    assert "Seniorhälsovårdsprogram" in page and "Samverkan för barn med övervikt" in page
    assert "Inga exempel nämner" not in html(client, q="Karlskoga")


def test_a_misspelt_place_leads_with_the_correction(demo, client):
    """The closest word ("Menade du") ranks as typed; its neighbours come after."""
    page = html(client, q="gottland")
    assert 'Menade du <a href="?q=gotland">gotland</a>?' in page
    titles = re.findall(r'<h3 class="result__title"><a href="[^"]+">([^<]+)</a>', page)
    assert titles[0] == "Första linjen för ungas psykiska hälsa – Gotland"


def test_a_place_is_matched_as_spelt_not_folded(demo, client):
    """Ånge (Västernorrland) folded is "ange": no example is found because its text says that
    something "anges"; no demo example is in Västernorrland."""
    assert "Inga exempel matchade" in html(client, q="Ånge")
    assert "Inga exempel matchade" in html(client, q="Västernorrland")


def test_pagination_keeps_the_filters(demo, client):
    page = html(client, steg=["2", "3"], sortering="nyast")
    assert 'href="?steg=2&amp;steg=3&amp;sortering=nyast&amp;sida=2" rel="next"' in page
    assert "Sida 2 av" in html(client, steg=["2", "3"], sortering="nyast", sida="2")


@pytest.mark.parametrize("page_number", ["0", "-1", "833", "x"])
def test_any_page_number_gives_a_page(demo, client, page_number):
    assert "träff" in html(client, q="barn", sida=page_number)


@pytest.mark.parametrize("page_number", ["834", "1000", "99999999999999999999999"])
def test_a_page_past_the_result_window_is_a_clear_400(demo, client, page_number):
    # 834 × 12 hits reach past the 10 000 an Elasticsearch index answers for.
    response = client.get("/sok/", {"q": "barn", "lan": "kalmar-lan", "sida": page_number})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sidan finns inte i sökresultatet" in page
    assert "de första 10\N{NO-BREAK SPACE}000 träffarna" in page and "sida 1–833" in page
    assert 'href="/sok/?q=barn&amp;lan=kalmar-lan"' in page


def test_page_links_stop_at_the_result_window(demo, client, monkeypatch):
    from search import paging

    monkeypatch.setattr(paging, "MAX_RESULT_WINDOW", 12)  # one page of 12 hits
    page = html(client)
    assert 'rel="next"' not in page and "Sida" not in page
    assert client.get("/sok/", {"sida": "2"}).status_code == 400


def test_long_queries_are_capped(demo, client):
    page = html(client, q="å" * 10_000)
    assert "å" * MAX_QUERY_LENGTH in page
    assert "å" * (MAX_QUERY_LENGTH + 1) not in page


def test_unknown_filter_values_can_be_removed(demo, client):
    page = html(client, lan="finns-inte")
    assert "Län: finns-inte" in page
    assert "Inga exempel matchade de valda filtren" in page


def test_query_count_is_constant(demo, client, settings):
    settings.SEARCH_CACHE_SECONDS = 0  # the search's own statements, not a kept answer

    def count(**params):
        client.get("/sok/", params)
        with CaptureQueriesContext(connection) as ctx:
            client.get("/sok/", params)
        return len(ctx.captured_queries)

    few = count(q="hembesök")
    many = count(q="samverkan", lan=["jonkopings-lan", "orebro-lan"], steg="2")
    everything = count()
    assert max(few, many, everything) <= 20
    # Words cost two statements more: whether each word matches anything (typo tolerance),
    # and the near-copies named under the page's hits (search.nearcopies).
    assert many == everything + 2
    assert few == many


def test_autocomplete(demo, client):
    response = client.get("/sok/forslag/", {"q": "famil"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["results"] == [
        {
            "title": "Lokala hälsocenter och familjecentraler",
            "url": "/goda-exempel/halsocenter-och-familjecentraler-jonkopings-lan/",
        }
    ]
    assert client.get("/sok/forslag/", {"q": "f"}).json()["results"] == []
    assert client.get("/sok/forslag/", {"q": '")(*'}).json()["results"] == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_autocomplete_reads_an_index_not_every_title(demo, client):
    """Each keystroke is answered through the index on the title words (migration 0005): a
    plan reading every title costs 90 ms at 10 000 examples."""
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/sok/forslag/", {"q": "famil"}).json()["results"]
    statement = next(q["sql"] for q in ctx.captured_queries if "suggest_words" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + statement)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_document_suggest_words" in plan, plan


@override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9")
def test_page_answers_from_the_database_when_elasticsearch_is_down(demo, client, monkeypatch):
    default_client.cache_clear()
    monkeypatch.setattr(
        "search.backends.elasticsearch.default_client", FakeElasticsearch(up=False).client
    )
    page = html(client, q="hembesök")
    assert FALLBACK_NOTICE in page
    assert "1 träff för ”hembesök”" in page
    assert client.get("/sok/forslag/", {"q": "famil"}).json()["results"]


def test_search_links_from_county_goal_and_example_pages(demo, client):
    assert 'href="/sok/?lan=jamtlands-lan"' in client.get("/lan/jamtlands-lan/").content.decode()
    goal = client.get("/mal/fallskador-hos-aldre/").content.decode()
    assert 'href="/sok/?mal=fallskador-hos-aldre"' in goal
    example = client.get("/goda-exempel/sexit-jamtland/").content.decode()
    assert 'href="/sok/?omrade=skola"' in example
    assert "/sok/?tagg=" in example


def test_management_command(demo):
    out = StringIO()
    for action in ("status", "rebuild", "reconcile", "sync", "check", "create"):
        call_command("search_index", action, stdout=out)
    output = out.getvalue()
    published = ExamplePage.objects.live().public().count()
    assert f"Databasindex: {published} exempel indexerade" in output
    assert "stämmer med databasen" in output
