"""Tag slugs are folded like every other slug (strategiförhälsa → strategiforhalsa), and a link
from before, with the unfolded slug, still finds its examples."""

from importlib import import_module
from urllib.parse import quote, unquote

from django.apps import apps

from taggit.models import Tag

import pytest

from examples.models import ExamplePage
from examples.tags import fold_slug

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_fold_slug():
    assert fold_slug("strategiförhälsa") == "strategiforhalsa"
    assert fold_slug("Psykisk hälsa") == "psykisk-halsa"
    assert fold_slug("café") == "cafe"
    assert fold_slug("数据") == "数据"  # nothing Latin to fold: never an empty slug


def test_every_tag_has_an_ascii_slug(demo):
    slugs = list(Tag.objects.values_list("slug", flat=True))
    assert slugs and all(slug.isascii() for slug in slugs)
    assert Tag.objects.get(name="strategiförhälsa").slug == "strategiforhalsa"


def test_a_new_tag_is_folded_and_a_clash_gets_its_own_slug(demo, example_index):
    first = Tag.objects.create(name="Äldres hälsa")
    second = Tag.objects.create(name="Aldres halsa")
    assert first.slug == "aldres-halsa"
    assert second.slug.startswith("aldres-halsa_")


def test_the_migration_folds_tags_saved_before(demo):
    tag = Tag.objects.create(name="Fysisk aktivitet på recept")
    Tag.objects.filter(pk=tag.pk).update(slug="fysisk-aktivitet-på-recept")
    Tag.objects.create(name="Fysisk aktivitet pa recept")  # already has the folded slug
    migration = import_module("examples.migrations.0008_fold_tag_slugs")
    migration.fold_tag_slugs(apps, None)
    tag.refresh_from_db()
    assert tag.slug == "fysisk-aktivitet-pa-recept_2"


def test_old_links_with_the_unfolded_slug_still_work(demo, client):
    everyone = ExamplePage.objects.live().public().count()
    for tag in ("strategiförhälsa", "strategiforhalsa"):
        body = client.get(f"{API}/exempel/", {"tagg": tag, "per_sida": 100}).json()
        assert body["count"] == everyone
        search = client.get("/sok/", {"tagg": tag})
        assert search.context["examples"].paginator.count == everyone
    html = client.get(ExamplePage.objects.live().first().url).content.decode()
    assert "?tagg=strategiforhalsa" in html


HOSTILE_TAGS = [
    "%ED%A0%80",  # a lone surrogate, as bytes (already escaped: not valid UTF-8)
    "%FF%FE",  # not UTF-8 at all
    "ß" * 500,
    "\u202eläsa",  # right-to-left override
    "å\x00ä",
    "数据",
    "Ⅻ-ﬁ",  # compatibility characters NFKD turns into letters
    "<script>ö</script>",
    "e\u0301" * 200,  # combining accents
]


@pytest.mark.parametrize("value", HOSTILE_TAGS)
def test_any_tag_value_gives_an_answer_not_a_server_error(demo, client, example_index, value):
    query = "tagg=" + (value if value.startswith("%") else quote(value))
    for path in ("/sok/", f"{API}/exempel/", "/sok/export.xlsx", example_index.url):
        assert client.get(f"{path}?{query}").status_code == 200, path


@pytest.mark.parametrize("value", HOSTILE_TAGS)
def test_any_tag_name_saves_with_a_slug(demo, value):
    name = unquote(value).replace("\x00", "")  # PostgreSQL refuses NUL in text
    tag = Tag.objects.create(name=name[:100])
    assert tag.slug
