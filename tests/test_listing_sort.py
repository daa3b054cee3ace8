"""The "Goda exempel" listing sorts as the search does: newest first, highest stage first, or
most widely spread first, where adopters and the owner's counted places count (issue 16)."""

import re

import pytest

from adoptions.models import SpreadPlace
from examples.models import County, Municipality
from tests.adoptions.conftest import make_adoption
from tests.factories import ExamplePageFactory

pytestmark = pytest.mark.django_db


def listed(client, **params):
    """The examples on the first page, in Stockholms län (where the factory puts them and the
    demo has none)."""
    html = client.get("/goda-exempel/", {"lan": "stockholms-lan", **params}).content.decode()
    main = html.split("<main", 1)[1]
    return re.findall(r'href="/goda-exempel/([^"/]+)/"', main)


@pytest.fixture
def three(example_index):
    """Newest first they are c, b, a; by stage b (4), a (3), c (1); by spread a, c, b."""
    made = {}
    for slug, stage in (("a", 3), ("b", 4), ("c", 1)):
        page = ExamplePageFactory(parent=example_index, slug=f"sortering-{slug}", stage=stage)
        page.save_revision().publish()
        made[slug] = page
    for code in ("0180", "1280", "1480"):  # a runs in three more municipalities
        make_adoption(made["a"], None, municipality=Municipality.objects.get(code=code))
    SpreadPlace.objects.create(  # c: "two municipalities in Örebro län", known as a number
        example=made["c"], county=County.objects.get(code="18"), count=2
    )
    from website import pagecache

    pagecache.purge()  # what the adoption services do after a change
    return made


def ours(slugs):
    return [s.removeprefix("sortering-") for s in slugs if s.startswith("sortering-")]


def test_newest_first_by_default(client, three):
    assert ours(listed(client)) == ["c", "b", "a"]


def test_highest_stage_first(client, three):
    assert ours(listed(client, sortering="steg")) == ["b", "a", "c"]


def test_most_widely_spread_first_counts_adopters_and_counted_places(client, three):
    assert ours(listed(client, sortering="spridning")) == ["a", "c", "b"]
    html = client.get("/goda-exempel/", {"sortering": "spridning"}).content.decode()
    assert '<option value="spridning" selected>Mest spridda först</option>' in html


def test_the_sort_survives_filters_and_paging_and_nonsense_is_ignored(client, three):
    html = client.get(
        "/goda-exempel/", {"sortering": "spridning", "lan": "stockholms-lan", "sida": "1"}
    ).content.decode()
    assert '<option value="spridning" selected>' in html
    assert '<option value="stockholms-lan" selected>' in html
    assert ours(listed(client, sortering="'; DROP TABLE x;--")) == ["c", "b", "a"]
    assert (
        client.get("/goda-exempel/", {"sortering": "spridning", "sida": "999"}).status_code == 200
    )
