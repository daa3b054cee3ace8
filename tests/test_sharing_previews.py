"""Reading and sharing (issue 15): dates and seminars on an example, a description, canonical
link and link-preview tags on every page, robots.txt, the start page's invitation to share,
and the search's "Rensa alla filter" without the tag every example carries."""

import datetime
import re
import zoneinfo

from django.conf import settings

import pytest

from examples.models import ExamplePage, SeminarPage
from examples.models.pages import DEFAULT_TAG

pytestmark = pytest.mark.django_db


def meta(html, attr, name):
    match = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else None


@pytest.fixture
def example(demo):
    return ExamplePage.objects.live().filter(cover_image__isnull=False).first()


def test_an_example_shows_when_it_was_published_and_updated(client, example):
    # Noon in Stockholm: the same day in every zone a test machine has (the page shows local dates).
    stockholm = zoneinfo.ZoneInfo("Europe/Stockholm")
    example.first_published_at = datetime.datetime(2024, 2, 7, 12, tzinfo=stockholm)
    example.last_published_at = datetime.datetime(2025, 3, 9, 12, tzinfo=stockholm)
    example.save(update_fields=["first_published_at", "last_published_at"])
    html = client.get(example.url).content.decode()
    assert re.search(r"Publicerat <time datetime=\"2024-02-07[^\"]*\">7 februari 2024</time>", html)
    assert re.search(
        r"Senast uppdaterat <time datetime=\"2025-03-09[^\"]*\">9 mars 2025</time>", html
    )


def test_an_example_names_the_seminars_it_was_presented_at(client, demo):
    seminar = SeminarPage.objects.live().filter(items__isnull=False).first()
    example = seminar.items.first().example
    html = client.get(example.url).content.decode()
    assert "Presenterat på seminarier" in html
    assert f'href="{seminar.url}">{seminar.title}</a>' in html


@pytest.mark.parametrize("path", ["/", "/goda-exempel/", "/sok/", "/konto/login/"])
def test_every_page_has_a_description_and_a_canonical_link(client, demo, path):
    html = client.get(path).content.decode()
    assert meta(html, "name", "description")
    assert f'<link rel="canonical" href="{settings.SITE_URL}{path}">' in html
    assert meta(html, "property", "og:url") == settings.SITE_URL + path
    assert meta(html, "property", "og:title")
    assert meta(html, "name", "twitter:card")


def test_an_example_link_preview_has_its_title_summary_and_cover_image(client, example):
    html = client.get(example.url).content.decode()
    assert meta(html, "property", "og:title") == example.title
    description = meta(html, "name", "description")
    assert 100 < len(description) <= 160
    assert (example.search_description or example.summary).startswith(description.rstrip("…"))
    assert meta(html, "property", "og:type") == "article"
    image = meta(html, "property", "og:image")
    assert image.startswith(settings.SITE_URL + "/") and image.endswith(".jpg")
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert client.get(image.removeprefix(settings.SITE_URL)).status_code == 200


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "User-agent: *" in body
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body


def test_the_start_page_invites_visitors_to_share(client, demo):
    html = client.get("/").content.decode()
    assert '<a class="button" href="/dela/">Dela med dig</a>' in html
    assert 'href="/konto/signup/">Bli medlem</a>' in html.split('class="share-invite"', 1)[1]


def test_the_search_offers_to_clear_all_filters_and_hides_the_default_tag(client, demo):
    html = client.get("/sok/", {"q": "barn", "omrade": "skola"}).content.decode()
    assert '<a href="?q=barn">Rensa alla filter</a>' in html
    html = client.get("/sok/").content.decode()
    assert f'value="{DEFAULT_TAG}"' not in html and f">{DEFAULT_TAG}" not in html


def test_a_missing_cover_image_file_leaves_out_the_preview_image(client, example):
    image = example.cover_image
    image.renditions.all().delete()
    image.file.storage.delete(image.file.name)
    response = client.get(example.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert meta(html, "property", "og:image") is None
    assert meta(html, "name", "twitter:card") == "summary"
