"""The benchmark's synthetic examples behave like real ones, and are written in bulk.

``make bench`` measures the site on these pages, so they must be pages a visitor can open, find
in the listing and the search, spread over the taxonomy like real ones; ``--replace`` must
remove an earlier set completely; and generation must cost queries per batch, not per page.
"""

import re
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Revision

import pytest

from bench.generator import SYNTHETIC_TAG, synthetic_examples
from examples.models import ExampleIndexPage, ExamplePage
from search.models import SearchDocument
from tests.mfa_helpers import login_with_mfa

pytestmark = pytest.mark.django_db


def generate(count, *options):
    call_command("generate_bench_data", "--count", str(count), *options, stdout=StringIO())


@pytest.fixture
def synthetic(example_index):
    generate(30)
    return list(synthetic_examples().order_by("pk"))


def test_synthetic_examples_render_as_published_pages(client, synthetic):
    for page in synthetic:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert page.title.replace("–", "&ndash;") in html or page.title in html
        assert page.county.name in html
    for path in ("/mal/", "/lan/", "/oversikt/", "/api/v1/exempel/", "/flode/nya-exempel/"):
        assert client.get(path).status_code == 200, path


def test_the_admin_opens_them_from_their_live_revision(synthetic):
    """The admin edits a page from its latest revision: it must hold the page as published."""
    for page in synthetic[:5]:
        assert page.live_revision_id == page.latest_revision_id
        draft = page.get_latest_revision_as_object()
        assert (draft.title, draft.stage, draft.county_id) == (
            page.title,
            page.stage,
            page.county_id,
        )
        assert [c.stage for c in draft.stage_timeline] == list(range(1, page.stage + 1))
        assert set(draft.tags.names()) >= {SYNTHETIC_TAG, "strategiförhälsa"}


def test_an_editor_can_open_one_in_the_admin(client, synthetic):
    login_with_mfa(client, get_user_model().objects.get(email="redaktor@example.se"))
    page = synthetic[3]
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert page.summary[:40] in html
    assert client.get(f"/admin/pages/{page.get_parent().pk}/").status_code == 200


def test_every_synthetic_example_is_in_the_listing(client, synthetic):
    listed = set()
    for number in range(1, 6):  # 19 demo examples + 30 synthetic, 12 a page
        html = client.get("/goda-exempel/", {"sida": number}).content.decode()
        listed.update(re.findall(r'href="(/goda-exempel/[^"]+/)"', html))
    assert {page.url for page in synthetic} <= listed


def test_synthetic_examples_are_found_by_the_search_after_a_rebuild(client, synthetic):
    call_command("search_index", "rebuild", stdout=StringIO())
    assert SearchDocument.objects.filter(page__in=synthetic).count() == len(synthetic)
    page = synthetic[7]
    html = client.get("/sok/", {"q": page.title}).content.decode()
    assert page.url in html
    html = client.get("/sok/", {"tagg": "syntetiskt-exempel"}).content.decode()
    assert re.search(rf"\b{len(synthetic)} exempel\b", html), "every synthetic example has the tag"


def test_they_are_spread_over_the_taxonomy(synthetic):
    def distinct(values):
        return len(set(values))

    pages = ExamplePage.objects.filter(pk__in=[p.pk for p in synthetic]).prefetch_related(
        "target_areas", "goals", "municipalities", "stage_history", "tags"
    )
    assert distinct(p.county_id for p in pages) >= 10
    assert distinct(m.pk for p in pages for m in p.municipalities.all()) >= 15
    assert distinct(p.stage for p in pages) == 4
    assert distinct(a.pk for p in pages for a in p.target_areas.all()) >= 4
    assert distinct(g.pk for p in pages for g in p.goals.all()) >= 10
    assert distinct(t.name for p in pages for t in p.tags.all()) >= 10
    assert sum(1 for p in pages if p.cover_image_id) >= 20
    for page in pages:
        dates = [change.date for change in page.stage_timeline]
        assert dates == sorted(dates)
        assert all(m.county_id == page.county_id for m in page.municipalities.all())


def test_replace_removes_the_earlier_set(client, synthetic, example_index):
    call_command("search_index", "rebuild", stdout=StringIO())
    old = [page.pk for page in synthetic]
    generate(10, "--replace")

    assert synthetic_examples().count() == 10
    assert not ExamplePage.objects.filter(pk__in=old).exists()
    assert not Revision.objects.filter(object_id__in=[str(pk) for pk in old]).exists()
    assert ExamplePage.objects.exclude(slug__startswith="syntetiskt-").count() == 19  # the demo's
    index = ExampleIndexPage.objects.get(pk=example_index.pk)
    assert index.numchild == index.get_children().count() == 29
    assert client.get(synthetic[-1].url).status_code == 404  # number 30 of the earlier set
    for page in synthetic_examples():
        assert client.get(page.url).status_code == 200


def test_unless_present_keeps_a_set_of_the_asked_size(synthetic):
    generate(30, "--unless-present")
    assert [p.pk for p in synthetic_examples().order_by("pk")] == [p.pk for p in synthetic]


def test_generation_costs_queries_per_batch_not_per_page(synthetic):
    with CaptureQueriesContext(connection) as few:
        generate(10)
    with CaptureQueriesContext(connection) as many:
        generate(40)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert synthetic_examples().count() == 80


def test_the_bench_gives_one_example_50_adoptions_and_others_a_few(client, synthetic):
    """Issue 16's bench row: "the example page with 50 adoptions". The page must show them all
    (published, in 50 municipalities), the overview must count them, and a rerun adds nothing."""
    from bench import adoptions

    written = adoptions.ensure()
    example = adoptions.adopted_example()
    assert adoptions.summary()["example_adoptions"] == adoptions.FULL
    assert written > adoptions.FULL  # every EVERY-th other example got one to three
    assert adoptions.ensure() == 0
    assert example.adoptions.values("municipality").distinct().count() == adoptions.FULL

    html = client.get(example.url).content.decode()
    assert html.count(adoptions.ORGANISATION) >= adoptions.FULL
    national = re.search(r"(\d+) av (\d+) kommuner i hela landet", html)
    assert national and int(national.group(1)) >= adoptions.FULL
    call_command("search_index", "rebuild", stdout=StringIO())
    sorted_html = client.get("/sok/", {"sortering": "spridning"}).content.decode()
    first = re.search(r'href="(/goda-exempel/[^"]+/)"', sorted_html.split("<main", 1)[1])
    assert first and first.group(1) == example.url, "the most widely spread example comes first"


def test_the_digest_row_mails_and_leaves_no_one_behind(synthetic):
    """Issue 18's bench row: the probe's follows get their digests, and the benchmark database
    keeps none of the probe's visitors, follows or digests afterwards, even though the run
    commits like a real one."""
    from bench import digests
    from follows.models import Digest, Follow, Subscriber

    before = (Subscriber.objects.count(), Follow.objects.count(), Digest.objects.count())
    numbers = digests.measure(25)
    assert numbers["follows"] == 25
    assert 0 < numbers["mails"] <= 25  # some follows have news since their watermark
    assert numbers["queries"] > 0
    assert (Subscriber.objects.count(), Follow.objects.count(), Digest.objects.count()) == before
