"""Follows are personal data: in the member's download, gone with the account, described on the
privacy page."""

import json

from django.test import Client

import pytest

from follows.models import Follow, Subscriber
from members.privacy.services import delete_account, export_data
from tests.follows.conftest import follow_of

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_members_follows_and_those_of_their_address(
    member_client, member, county
):
    member_client.post(
        "/bevaka/ny/",
        {"typ": "county", "id": county.slug, "name": "Mitt län", "frequency": "daily"},
    )
    follow_of(member.email, "goal", 1, name="Som besökare")
    data = json.loads(member_client.get("/konto/mina-uppgifter.json").content)
    names = {follow["namn"] for follow in data["bevakningar"]["bevakningar"]}
    assert names == {"Mitt län", "Som besökare"}
    daily = next(f for f in data["bevakningar"]["bevakningar"] if f["namn"] == "Mitt län")
    assert daily["hur_ofta"] == "Varje dag" and daily["typ"] == "Län"


def test_follows_and_addresses_go_with_the_account(member, county):
    Client().force_login(member)
    subscriber = Subscriber.objects.create(user=member)
    Follow.objects.create(
        subscriber=subscriber, kind="county", target=str(county.pk), url="/", name="x"
    )
    follow_of(member.email, "goal", 1)
    stranger = follow_of("annan@example.se", "goal", 1)
    delete_account(member)
    assert list(Follow.objects.all()) == [stranger]
    assert list(Subscriber.objects.all()) == [stranger.subscriber]


def test_export_query_count_does_not_grow_with_follows(
    member, county, django_assert_max_num_queries
):
    subscriber = Subscriber.objects.create(user=member)
    for n in range(3):
        Follow.objects.create(
            subscriber=subscriber, kind="goal", target=str(n), url="/", name=str(n)
        )
    with django_assert_max_num_queries(40) as captured:
        export_data(member)
    few = len(captured)
    for n in range(3, 30):
        Follow.objects.create(
            subscriber=subscriber, kind="goal", target=str(n), url="/", name=str(n)
        )
    with django_assert_max_num_queries(few):
        export_data(member)


def test_the_privacy_page_says_what_is_kept_and_for_how_long(client, demo):
    html = client.get("/personuppgifter-och-kakor/").content.decode()
    assert "<h2>Bevakningar</h2>" in html
    assert "inom 7 dagar glöms adressen" in html
    assert "tills du slutar bevaka" in html
