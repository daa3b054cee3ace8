"""Atom feeds: well-formed Atom with the right entries, advertised in <head>, no contacts."""

from datetime import date

import pytest
from defusedxml import ElementTree

from examples.models import ExamplePage, StageChange

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None
    return root, entries


def titles(entries):
    return [entry.find(f"{ATOM}title").text for entry in entries]


def test_new_examples(demo, client, add_examples):
    (newest,) = add_examples(1, title="Det allra nyaste exemplet")
    root, entries = feed(client, "/flode/nya-exempel/")
    assert root.find(f"{ATOM}title").text == "Nya goda exempel – Goda exempel för hälsa"
    assert titles(entries)[0] == "Det allra nyaste exemplet"
    assert entries[0].find(f"{ATOM}link").get("href") == newest.get_full_url()
    assert len(entries) == min(20, ExamplePage.objects.live().count())


def test_stage_changes(demo, client):
    sexit = ExamplePage.objects.get(slug="sexit-jamtland")
    sexit.stage = sexit.stage + 1 if sexit.stage < 4 else 1
    sexit.save_revision().publish()
    latest = StageChange.objects.filter(page=sexit).latest("pk")
    StageChange.objects.filter(pk=latest.pk).update(date=date(2099, 3, 1), precision="month")
    _root, entries = feed(client, "/flode/steg/")
    previous = sexit.stage - 1 if sexit.stage > 1 else 4
    assert titles(entries)[0] == (
        f"SEXIT gick från steg {previous} till steg {sexit.stage}, mars 2099"
    )


def test_stage_changes_of_unpublished_examples_are_left_out(demo, client):
    sexit = ExamplePage.objects.get(slug="sexit-jamtland")
    sexit.unpublish()
    _root, entries = feed(client, "/flode/steg/")
    assert not any(title.startswith("SEXIT ") for title in titles(entries))


def test_search_feed(demo, client):
    root, entries = feed(client, "/flode/sok/", lan="jamtlands-lan", omrade="skola")
    assert root.find(f"{ATOM}title").text.startswith("Nya exempel i Jämtlands län inom skola")
    response = client.get(
        "/sok/", {"lan": "jamtlands-lan", "omrade": "skola", "sortering": "nyast"}
    )
    expected = [item["example"].title for item in response.context["examples"].object_list]
    assert titles(entries) == expected[:20]
    alternate = next(link for link in root.findall(f"{ATOM}link") if link.get("rel") == "alternate")
    assert alternate.get("href").endswith("/sok/?lan=jamtlands-lan&omrade=skola&sortering=nyast")


@pytest.mark.parametrize(
    "params", [{}, {"q": "<&>\x00"}, {"lan": "finns-inte"}, {"sida": "x", "steg": "9"}]
)
def test_search_feed_never_fails(demo, client, params):
    feed(client, "/flode/sok/", **params)


def test_no_contact_data(demo, client, contact_example):
    # A real move between steps, so that the example is in the stage-change feed too.
    contact_example.stage = 3
    contact_example.save_revision().publish()
    for path in ("/flode/nya-exempel/", "/flode/steg/", "/flode/sok/?q=Kontakttestet"):
        content = client.get(path).content.decode()
        assert "Kontakttestet i Åre" in content
        assert "hemlig.kontakt@example.se" not in content
        assert "Kerstin" not in content


def test_feeds_are_advertised(demo, client):
    home = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in home
    assert 'href="/flode/nya-exempel/"' in home
    assert 'href="/flode/steg/"' in home
    search = client.get("/sok/", {"lan": "jamtlands-lan"}).content.decode()
    assert 'href="/flode/sok/?lan=jamtlands-lan"' in search
    assert 'href="/sok/export.csv?lan=jamtlands-lan"' in search


def test_each_feed_has_its_own_id(demo, client):
    feed_ids = {
        feed(client, path)[0].find(f"{ATOM}id").text
        for path in ("/flode/nya-exempel/", "/flode/steg/", "/flode/sok/?lan=jamtlands-lan")
    }
    assert feed_ids == {
        "tag:localhost,2026:flode/nya-exempel",
        "tag:localhost,2026:flode/steg",
        "tag:localhost,2026:flode/sok?lan=jamtlands-lan&sortering=nyast",
    }


def entry_for(entries, title):
    return next(entry for entry in entries if entry.find(f"{ATOM}title").text == title)


def test_entry_ids_stay_when_the_address_changes(demo, client, add_examples):
    """A new slug is not a new example: readers must not show it again as new."""
    (page,) = add_examples(1, title="Exemplet som byter adress")
    _root, entries = feed(client, "/flode/nya-exempel/")
    before = entry_for(entries, "Exemplet som byter adress")
    assert before.find(f"{ATOM}id").text == f"tag:localhost,2026:exempel/{page.pk}"
    page.slug = "ny-adress"
    page.save_revision().publish()
    for path in ("/flode/nya-exempel/", "/flode/sok/"):
        _root, entries = feed(client, path)
        after = entry_for(entries, "Exemplet som byter adress")
        assert after.find(f"{ATOM}id").text == before.find(f"{ATOM}id").text
        assert after.find(f"{ATOM}link").get("href").endswith("/ny-adress/")


def test_stage_entry_ids_name_the_example_and_the_change(demo, client):
    sexit = ExamplePage.objects.get(slug="sexit-jamtland")
    sexit.stage = sexit.stage + 1 if sexit.stage < 4 else 1
    sexit.save_revision().publish()
    latest = StageChange.objects.filter(page=sexit).latest("pk")
    _root, entries = feed(client, "/flode/steg/")
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert f"tag:localhost,2026:exempel/{sexit.pk}/steg/{latest.pk}" in ids


FEEDS = ["/flode/nya-exempel/", "/flode/steg/", "/flode/sok/?lan=jamtlands-lan"]


@pytest.fixture
def stage_move(demo):
    """A real move between steps, so that the stage feed has an entry (and a date)."""
    sexit = ExamplePage.objects.get(slug="sexit-jamtland")
    sexit.stage = sexit.stage + 1 if sexit.stage < 4 else 1
    sexit.save_revision().publish()


@pytest.mark.parametrize("path", FEEDS)
def test_a_current_reader_gets_304(demo, stage_move, client, path):
    first = client.get(path)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(path, headers={"if-none-match": etag}).status_code == 304
    assert client.get(path, headers={"if-modified-since": modified}).status_code == 304
    assert client.get(path, headers={"if-none-match": '"annan"'}).status_code == 200
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert client.get(path, headers={"if-modified-since": old}).status_code == 200


@pytest.mark.parametrize("path", FEEDS)
def test_a_cached_feed_answers_304_too(demo, stage_move, client, settings, path):
    settings.PAGE_CACHE_SECONDS = 60
    first = client.get(path)
    assert (first.status_code, first["X-Cache"]) == (200, "MISS")
    etag, modified = first["ETag"], first["Last-Modified"]
    for headers in ({"if-none-match": etag}, {"if-modified-since": modified}):
        response = client.get(path, headers=headers)
        assert (response.status_code, response["X-Cache"]) == (304, "HIT")
        assert response["ETag"] == etag and not response.content
    stale = client.get(path, headers={"if-none-match": '"annan"'})
    assert (stale.status_code, stale["X-Cache"], stale.content) == (200, "HIT", first.content)


def test_a_new_example_changes_the_validators(demo, client, add_examples):
    first = client.get("/flode/nya-exempel/")
    add_examples(1, title="Ännu ett nytt exempel")
    response = client.get("/flode/nya-exempel/", headers={"if-none-match": first["ETag"]})
    assert response.status_code == 200
    assert "Ännu ett nytt exempel" in response.content.decode()
