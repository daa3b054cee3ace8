"""The header's search box finds published examples and never fails, whatever is typed."""

import pytest

pytestmark = pytest.mark.django_db


def test_search_finds_an_example_by_its_name(demo, client):
    html = client.get("/sok/", {"q": "BarnSäkert"}).content.decode()
    assert "BarnSäkert" in html
    assert "träff" in html


@pytest.mark.parametrize(
    "query",
    [
        'title:(a OR "b',
        "x" * 10_000,
        "\x00\x01\x1f",
        "🙂 ÅÄÖ ﷽",
        "<script>alert(1)</script>",
        "%",
        "*",
    ],
)
def test_any_query_gives_a_normal_page(demo, client, query):
    response = client.get("/sok/", {"q": query, "sida": "-1"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
