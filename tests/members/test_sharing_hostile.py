"""Hostile or malformed posts to the members' forms: always a normal page, never a 500."""

from django.contrib.auth import get_user_model

import pytest

from examples.models import ExamplePage

pytestmark = pytest.mark.django_db

HOSTILE_POSTS = [
    {},
    {"title": "x" * 10_000, "submit": "1"},
    {
        "title": "\x00\x01",
        "county": "abc",
        "stage": "9",
        "municipalities": ["x", "-1"],
        "submit": "1",
    },
    {"title": "ok", "start_year": "abc", "end_year": "99999999999999999999", "draft": "1"},
    {"title": "ok", "goals": ["1; DROP TABLE"], "target_areas": ["999999"], "submit": "1"},
    {"title": "ok", "cover_image_token": "not-a-token", "attachments_token": "x:y:z", "draft": "1"},
    {"title": "ok", "org-TOTAL_FORMS": "abc", "org-INITIAL_FORMS": "-5", "draft": "1"},
    {"title": "ok", "org-TOTAL_FORMS": "100000", "org-INITIAL_FORMS": "0", "draft": "1"},
    {
        "title": "<script>alert(1)</script>",
        "summary": "<img src=x onerror=alert(1)>",
        "draft": "1",
        "org-TOTAL_FORMS": "0",
        "org-INITIAL_FORMS": "0",
    },
]


@pytest.fixture
def member(db):
    return get_user_model().objects.create_user(
        username="eve@example.se", email="eve@example.se", password="x"
    )


@pytest.mark.parametrize("data", HOSTILE_POSTS)
def test_the_share_form_answers_every_post(client, member, data):
    client.force_login(member)
    response = client.post("/dela/", data)
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code != 302:
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_script_in_a_title_is_shown_as_text(client, member):
    client.force_login(member)
    client.post("/dela/", HOSTILE_POSTS[-1])
    page = ExamplePage.objects.get(owner=member)
    html = client.get("/mina-exempel/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert page.draft_title == "<script>alert(1)</script>"


@pytest.mark.parametrize("stage", ["", "0", "5", "abc", "3; DROP"])
def test_the_stage_form_answers_every_value(client, member, stage):
    client.force_login(member)
    client.post(
        "/dela/", {"title": "Eget", "draft": "1", "org-TOTAL_FORMS": "0", "org-INITIAL_FORMS": "0"}
    )
    page = ExamplePage.objects.get(owner=member)
    response = client.post(f"/mina-exempel/{page.pk}/nytt-steg/", {"stage": stage})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/mina-exempel/99999999999999999999/andra/",
        "/mina-exempel/-1/andra/",
        "/mina-exempel/abc/andra/",
    ],
)
def test_odd_ids_are_not_found(client, member, path):
    client.force_login(member)
    assert client.get(path).status_code == 404


def test_too_many_posts_get_a_swedish_429_page(client, member):
    from members.sharing.views import SUBMISSIONS_PER_HOUR

    client.force_login(member)
    draft = {"title": "Eget", "draft": "1", "org-TOTAL_FORMS": "0", "org-INITIAL_FORMS": "0"}
    for _ in range(SUBMISSIONS_PER_HOUR):
        assert client.post("/dela/", draft).status_code == 302
    response = client.post("/dela/", draft)
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
