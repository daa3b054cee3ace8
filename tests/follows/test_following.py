"""Following from the pages, double opt-in for visitors, managing and unsubscribing by token."""

import re
from datetime import timedelta

from django.core import mail
from django.test import Client
from django.utils import timezone

import pytest

from examples.models import SeminarPage
from follows.models import Follow, Subscriber
from tests.follows.conftest import follow_of, send_digests

pytestmark = pytest.mark.django_db


def follow_link(html):
    match = re.search(r'href="(/bevaka/ny/\?[^"]+)"', html)
    assert match, "no Bevaka link on the page"
    return match.group(1).replace("&amp;", "&")


def test_every_followable_page_offers_bevaka(client, demo, county, publish):
    """County, goal, seminar, search and example pages link to a follow form naming the thing."""
    example = publish(title="Ett exempel att bevaka")
    seminar = SeminarPage.objects.live().first()
    pages = {
        f"/lan/{county.slug}/": county.name,
        "/sok/?q=barn&lan=" + county.slug: "barn",
        seminar.url: seminar.title,
        example.url: example.title,
    }
    goal_page = client.get("/mal/")
    goal_href = re.search(r'href="(/mal/[\w-]+/)"', goal_page.content.decode()).group(1)
    pages[goal_href] = "Mål"
    for url, name in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        form = client.get(follow_link(response.content.decode()))
        assert form.status_code == 200, url
        assert name in form.content.decode(), url


def test_a_member_follows_at_once_and_manages_on_one_page(member_client, member, county):
    response = member_client.post(
        "/bevaka/ny/",
        {"typ": "county", "id": county.slug, "name": "Mitt län", "frequency": "daily"},
    )
    assert response.status_code == 302 and response["Location"] == "/bevaka/"
    follow = Follow.objects.get(subscriber__user=member)
    assert follow.confirmed_at is not None and follow.frequency == "daily"
    page = member_client.get("/bevaka/").content.decode()
    assert "Mitt län" in page and "Du bevakar nu" in page
    assert 'href="/bevaka/"' in member_client.get("/konto/profil/").content.decode()
    assert len(mail.outbox) == 0

    # The same thing twice is one follow.
    member_client.post(
        "/bevaka/ny/", {"typ": "county", "id": county.slug, "name": "Igen", "frequency": "daily"}
    )
    assert Follow.objects.filter(subscriber__user=member).count() == 1


def test_a_visitor_confirms_by_mail_and_nothing_is_sent_before(
    client, county, publish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/bevaka/ny/",
            {
                "typ": "county",
                "id": county.slug,
                "email": "Besok@Example.se",
                "name": "Län",
                "frequency": "weekly",
            },
        )
    assert response.status_code == 200
    assert "Bekräfta i din e-post" in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["besok@example.se"]
    link = re.search(r"https?://[^/]+(/bevaka/bekrafta/[\w-]+/)", mail.outbox[0].body).group(1)

    publish(title="Nytt innan bekräftelsen")
    send_digests("--now")
    assert len(mail.outbox) == 1  # unconfirmed: no digest

    # Following the link (a mail scanner does) confirms nothing; the button does.
    assert "Län" in client.get(link).content.decode()
    assert Follow.objects.get().confirmed_at is None
    response = client.post(link)
    assert response.status_code == 302
    assert Follow.objects.get().confirmed_at is not None
    assert "bekräftad" in client.get(response["Location"]).content.decode()


def test_one_confirmation_mail_per_address_and_day(
    client, county, demo, django_capture_on_commit_callbacks
):
    seminar = SeminarPage.objects.live().first()
    for data in (
        {"typ": "county", "id": county.slug},
        {"typ": "seminar", "id": seminar.pk},
        {"typ": "search", "sokning": "q=barn"},
    ):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                "/bevaka/ny/",
                {**data, "email": "offer@example.se", "name": "X", "frequency": "weekly"},
            )
    assert len(mail.outbox) == 1
    assert Follow.objects.filter(subscriber__email="offer@example.se").count() == 3
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - timedelta(days=1, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/bevaka/ny/",
            {
                "typ": "search",
                "sokning": "q=skola",
                "email": "offer@example.se",
                "name": "Y",
                "frequency": "weekly",
            },
        )
    assert len(mail.outbox) == 2


def test_unconfirmed_visitors_are_forgotten_after_seven_days(client, county):
    client.post(
        "/bevaka/ny/",
        {
            "typ": "county",
            "id": county.slug,
            "email": "glom@example.se",
            "name": "X",
            "frequency": "weekly",
        },
    )
    send_digests()
    assert Subscriber.objects.filter(email="glom@example.se").exists()
    Follow.objects.update(created_at=timezone.now() - timedelta(days=8))
    Subscriber.objects.update(created_at=timezone.now() - timedelta(days=8))
    send_digests()
    send_digests()  # idempotent
    assert not Follow.objects.exists()
    assert not Subscriber.objects.filter(email="glom@example.se").exists()


def test_a_bad_form_keeps_what_was_typed_with_a_swedish_message(client, county):
    response = client.post(
        "/bevaka/ny/",
        {
            "typ": "county",
            "id": county.slug,
            "email": "inte-en-adress",
            "name": "Mitt namn",
            "frequency": "weekly",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv en e-postadress i formatet namn@exempel.se." in html
    assert 'value="inte-en-adress"' in html and 'value="Mitt namn"' in html
    assert not Follow.objects.exists() and len(mail.outbox) == 0


@pytest.mark.parametrize(
    "query",
    [
        "typ=county&id=finns-inte",
        "typ=example&id=99999999999999999999",
        "typ=nope",
        "typ=search&sokning=" + "%00" * 3000,
        "typ=goal&id=%F0%9F%92%A9",
        "typ=county&id=%00",
        "typ=example&id=%00",
        "typ=%00&sokning=%00",
        "typ=seminar&id=-1",
        "",
    ],
)
def test_hostile_follow_requests_never_fail(client, demo, query):
    response = client.get(f"/bevaka/ny/?{query}")
    assert response.status_code in (200, 404)
    response = client.post(
        f"/bevaka/ny/?{query}", {"email": "a@b.se", "name": "<script>", "frequency": "x"}
    )
    assert response.status_code in (400, 404)


def test_a_draft_or_restricted_example_cannot_be_followed(client, example_index, publish):
    from tests.test_seminars import restrict

    page = publish()
    restrict(page)
    assert client.get(f"/bevaka/ny/?typ=example&id={page.pk}").status_code == 404


def test_managing_by_token_without_login(county):
    follow = follow_of("ann@example.se", "county", county.pk)
    other = follow_of("bo@example.se", "county", county.pk)
    client = Client()
    url = f"/bevaka/hantera/{follow.subscriber.token}/"
    assert follow.name in client.get(url).content.decode()
    assert other.name not in client.get(url).content.decode()

    prefix = f"f{follow.pk}"
    response = client.post(
        url, {"bevakning": follow.pk, f"{prefix}-name": "", f"{prefix}-frequency": "daily"}
    )
    assert response.status_code == 400
    assert "Skriv ett namn på bevakningen." in response.content.decode()

    client.post(
        url,
        {
            "bevakning": follow.pk,
            f"{prefix}-name": "Nytt namn",
            f"{prefix}-frequency": "daily",
            f"{prefix}-paused": "on",
        },
    )
    follow.refresh_from_db()
    assert (follow.name, follow.frequency, follow.paused) == ("Nytt namn", "daily", True)

    assert client.post(url, {"bevakning": other.pk, "atgard": "ta-bort"}).status_code == 404
    client.post(url, {"bevakning": follow.pk, "atgard": "ta-bort"})
    assert not Follow.objects.filter(pk=follow.pk).exists()
    assert Follow.objects.filter(pk=other.pk).exists()


def test_one_click_unsubscribe_needs_no_login_nor_csrf(county):
    follow = follow_of("ann@example.se", "county", county.pk)
    keep = follow_of("ann@example.se", "goal", 1)
    client = Client(enforce_csrf_checks=True)
    url = f"/bevaka/avsluta/{follow.token}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # never in the anonymous page cache
    assert Follow.objects.filter(pk=follow.pk).exists()  # a GET removes nothing
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Follow.objects.filter(pk=follow.pk).exists()
    assert Follow.objects.filter(pk=keep.pk).exists()
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert client.get(url).status_code == 404

    all_url = f"/bevaka/avsluta-alla/{keep.subscriber.token}/"
    assert client.post(all_url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Follow.objects.exists()


@pytest.mark.parametrize("token", ["x", "a" * 64, "a" * 500, "..%2F..", "%00"])
def test_unknown_tokens_answer_404(client, token):
    for prefix in ("hantera", "bekrafta", "avsluta", "avsluta-alla"):
        assert client.get(f"/bevaka/{prefix}/{token}/").status_code == 404
        assert client.post(f"/bevaka/{prefix}/{token}/").status_code in (200, 404)


def test_tokens_are_long_and_random(county):
    a = follow_of("a@example.se", "county", county.pk)
    b = follow_of("b@example.se", "county", county.pk)
    tokens = {a.token, b.token, a.subscriber.token, b.subscriber.token}
    assert len(tokens) == 4 and all(len(t) >= 43 for t in tokens)
