"""The page cache for anonymous visitors: what it keeps, what it never keeps, and the purge.

A visitor must never see a page older than the last publish: every test that changes content
checks the very next anonymous request.
"""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

import pytest

from examples.models import County, ExamplePage, Goal
from members.models import MemberProfile
from website import pagecache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def cached_twice(client, path):
    """The first anonymous request renders and stores the page, the second is the stored copy."""
    first = get(client, path)
    second = get(client, path)
    assert first.headers["X-Cache"] == "MISS", path
    assert second.headers["X-Cache"] == "HIT", path
    return first, second


@pytest.fixture
def example(demo):
    return ExamplePage.objects.live().order_by("pk").first()


def test_an_anonymous_page_is_served_from_the_cache_with_every_header(client, example):
    first, second = cached_twice(client, example.url)
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The headers set outside the cache still come with a cached page.
    assert "Content-Security-Policy" in second.headers
    assert second.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path", ["/", "/goda-exempel/", "/mal/", "/lan/", "/oversikt/", "/flode/nya-exempel/"]
)
def test_public_pages_are_cached(client, demo, path):
    cached_twice(client, path)


def test_the_query_string_is_part_of_the_key(client, demo):
    cached_twice(client, "/goda-exempel/?steg=2")
    other = get(client, "/goda-exempel/?steg=3")
    assert other.headers["X-Cache"] == "MISS"


def test_a_publish_shows_on_the_cached_page_at_once(
    client, example, django_capture_on_commit_callbacks
):
    county_page = f"/lan/{example.county.slug}/"
    cached_twice(client, example.url)
    cached_twice(client, county_page)
    with django_capture_on_commit_callbacks(execute=True):
        example.title = "Ett helt nytt namn på exemplet"
        example.save_revision().publish()
    page = get(client, example.url)
    assert page.headers["X-Cache"] == "MISS"
    assert "Ett helt nytt namn på exemplet" in page.content.decode()
    # ... and on every page that lists it.
    assert "Ett helt nytt namn på exemplet" in get(client, county_page).content.decode()


def test_an_unpublished_page_is_gone_at_once(client, example, django_capture_on_commit_callbacks):
    cached_twice(client, example.url)
    with django_capture_on_commit_callbacks(execute=True):
        example.unpublish()
    assert client.get(example.url).status_code == 404


def test_a_renamed_taxonomy_item_shows_at_once(client, demo, django_capture_on_commit_callbacks):
    cached_twice(client, "/lan/")
    county = County.objects.get(slug="jamtlands-lan")
    with django_capture_on_commit_callbacks(execute=True):
        county.name = "Jämtlands och Härjedalens län"
        county.save()
    assert "Jämtlands och Härjedalens län" in get(client, "/lan/").content.decode()


@pytest.fixture
def contact_owner(example, django_capture_on_commit_callbacks):
    """A member who owns the example, names themselves as contact person and consents."""
    from django.utils import timezone

    owner = get_user_model().objects.create_user(
        username="kontakt@example.se", email="kontakt@example.se", password="x"
    )
    MemberProfile.objects.create(user=owner, contact_consent_at=timezone.now())
    example.owner = owner
    example.contact_name = "Synlig Kontaktperson"
    with django_capture_on_commit_callbacks(execute=True):
        example.save_revision().publish()
    return owner


def test_withdrawn_consent_hides_the_contact_on_a_cached_page(
    client, example, contact_owner, django_capture_on_commit_callbacks
):
    first, _ = cached_twice(client, example.url)
    assert "Synlig Kontaktperson" in first.content.decode()
    profile = contact_owner.member_profile
    with django_capture_on_commit_callbacks(execute=True):
        profile.contact_consent_at = None
        profile.save()
    assert "Synlig Kontaktperson" not in get(client, example.url).content.decode()


def profile_form(consent, **fields):
    data = {"first_name": "Kim", "last_name": "Larsson", "organisation": "Umeå kommun"}
    data.update(fields)
    if consent:
        data["contact_consent"] = "on"
    return data


def test_consent_given_on_the_profile_shows_the_contact_at_once(
    client, example, contact_owner, django_capture_on_commit_callbacks
):
    profile = contact_owner.member_profile
    profile.contact_consent_at = None
    profile.save()
    cached_twice(client, example.url)
    member = Client()
    member.force_login(contact_owner)
    with django_capture_on_commit_callbacks(execute=True):
        member.post(reverse("account_profile"), profile_form(consent=True))
    assert "Synlig Kontaktperson" in get(client, example.url).content.decode()


def test_a_profile_save_that_changes_nothing_visible_keeps_the_cache(
    client, example, contact_owner, django_capture_on_commit_callbacks
):
    cached_twice(client, example.url)
    member = Client()
    member.force_login(contact_owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(
            reverse("account_profile"), profile_form(consent=True, title="Ny roll")
        )
    assert response.status_code == 302
    assert MemberProfile.objects.get(user=contact_owner).title == "Ny roll"
    assert get(client, example.url).headers["X-Cache"] == "HIT"


def test_consent_of_a_member_who_shows_nowhere_keeps_the_cache(
    client, example, django_capture_on_commit_callbacks
):
    member_user = get_user_model().objects.get(email="medlem@example.se")
    MemberProfile.for_user(member_user)
    cached_twice(client, example.url)
    member = Client()
    member.force_login(member_user)
    for consent in (True, False):
        with django_capture_on_commit_callbacks(execute=True):
            member.post(reverse("account_profile"), profile_form(consent=consent))
        assert get(client, example.url).headers["X-Cache"] == "HIT"


def test_an_anonymous_signup_keeps_the_cache(client, example, django_capture_on_commit_callbacks):
    cached_twice(client, example.url)
    password = "rätt-häst-batteri-42"
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            reverse("account_signup"),
            {"email": "ny-medlem@example.se", "password1": password, "password2": password},
        )
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="ny-medlem@example.se").exists()
    assert get(client, example.url).headers["X-Cache"] == "HIT"


def test_deleting_a_consenting_owner_hides_the_contact_at_once(
    client, example, contact_owner, django_capture_on_commit_callbacks
):
    cached_twice(client, example.url)
    with django_capture_on_commit_callbacks(execute=True):
        contact_owner.delete()  # as an administrator deletes a user in the admin
    assert "Synlig Kontaktperson" not in get(client, example.url).content.decode()


def test_deleting_a_member_purges_after_the_commit(
    example, contact_owner, django_capture_on_commit_callbacks
):
    from members.privacy.services import delete_account

    before = pagecache.generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        delete_account(contact_owner)
    after_delete = pagecache.generation()
    for callback in callbacks:
        callback()
    assert len({before, after_delete, pagecache.generation()}) == 3


def test_deleting_a_member_without_published_examples_keeps_the_cache(
    client, example, django_capture_on_commit_callbacks
):
    from members.privacy.services import delete_account

    user = get_user_model().objects.create_user(
        username="borta@example.se", email="borta@example.se", password="x"
    )
    MemberProfile.objects.create(user=user)
    cached_twice(client, example.url)
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user)
    assert get(client, example.url).headers["X-Cache"] == "HIT"


def test_signed_in_visitors_are_never_served_or_stored(client, example):
    user = get_user_model().objects.get(email="medlem@example.se")
    client.force_login(user)
    for _ in range(2):
        response = get(client, example.url)
        assert "X-Cache" not in response.headers
    client.logout()
    assert get(client, example.url).headers["X-Cache"] == "MISS"


@pytest.mark.parametrize(
    "path",
    ["/sok/?q=skola", "/sok/forslag/?q=sk", "/konto/login/", "/konto/signup/", "/admin/login/"],
)
def test_search_accounts_and_admin_are_never_cached(client, demo, path):
    for _ in range(2):
        response = client.get(path)
        assert "X-Cache" not in response.headers, path
        assert response.status_code in (200, 302), path


def test_a_page_that_uses_a_csrf_token_is_not_stored(client, demo, monkeypatch):
    from django.middleware.csrf import get_token

    from website.models import HomePage

    original = HomePage.get_context

    def with_form(self, request, *args, **kwargs):
        get_token(request)  # what rendering a POST form does
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(HomePage, "get_context", with_form)
    for _ in range(2):
        assert get(client, "/").headers["X-Cache"] == "MISS"


def test_posts_are_never_answered_from_the_cache(client, example):
    cached_twice(client, example.url)
    response = client.post(example.url)
    assert "X-Cache" not in response.headers


def test_off_when_page_cache_seconds_is_zero(client, example, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        assert "X-Cache" not in get(client, example.url).headers


def test_a_cache_outage_is_a_miss(client, example, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    for _ in range(2):
        response = get(client, example.url)
        assert example.title in response.content.decode()
        assert "X-Cache" not in response.headers


def record(path):
    """The parameters the page at ``path`` was found to read (``website.pagekeys``)."""
    from django.core.cache import cache

    from website import pagekeys

    return cache.get(pagekeys._record_key(pagecache.generation(), ("testserver", path)))


SEARCH_PARAMS = (
    "infort",
    "kommun",
    "lan",
    "mal",
    "malgrupp",
    "niva",
    "omrade",
    "q",
    "sida",
    "sortering",
    "status",
    "steg",
)


def test_which_parameters_each_page_type_reads(client, example, demo):
    """Only these are in a page's key; any other name or value is the same cached page."""
    county = example.county.slug
    goal = Goal.objects.filter(examples__isnull=False).first().slug
    expected = {
        "/": (),
        example.url: (),
        "/om-strategi-for-halsa/": (),
        "/goda-exempel/": ("lan", "omrade", "sida", "sortering", "steg", "tagg"),
        "/mal/": (),
        f"/mal/{goal}/": ("sida",),
        "/lan/": (),
        f"/lan/{county}/": ("sida",),
        "/oversikt/": (),
        "/flode/nya-exempel/": (),
        "/flode/steg/": (),
        "/flode/sok/": tuple(sorted((*SEARCH_PARAMS, "tagg"))),
        "/api/v1/exempel/": tuple(sorted((*SEARCH_PARAMS, "tagg", "per_sida"))),
        f"/api/v1/exempel/{example.pk}/": (),
        "/api/v1/lan/": (),
        "/api/v1/openapi.json": (),
    }
    found = {}
    for path in expected:
        get(client, f"{path}?r=1")
        found[path] = record(path)
    assert found == expected


@pytest.mark.parametrize(
    "path", ["/", "/goda-exempel/", "/mal/", "/oversikt/", "/api/v1/exempel/", "/flode/sok/"]
)
def test_an_unused_parameter_is_a_hit_of_the_same_entry(client, demo, path):
    first = get(client, path)
    assert first.headers["X-Cache"] == "MISS"
    for extra in ("r=123", "r=124&utm_source=x", "sida_x=1&tagg_=2"):
        again = get(client, f"{path}?{extra}")
        assert again.headers["X-Cache"] == "HIT", extra
        assert again.content == first.content


def test_a_content_page_ignores_the_listings_parameters(client, example):
    cached_twice(client, example.url)
    for query in ("sida=2", "tagg=abc", "lan=jamtlands-lan&steg=3", "q=x"):
        assert get(client, f"{example.url}?{query}").headers["X-Cache"] == "HIT", query


def test_the_parameters_a_page_reads_are_sorted_and_kept(client, demo):
    first = get(client, "/goda-exempel/?steg=2&lan=jamtlands-lan")
    assert first.headers["X-Cache"] == "MISS"
    same = get(client, "/goda-exempel/?lan=jamtlands-lan&r=9&steg=2")
    assert same.headers["X-Cache"] == "HIT"
    assert same.content == first.content
    assert get(client, "/goda-exempel/?steg=2").headers["X-Cache"] == "MISS"
    assert get(client, "/goda-exempel/?steg=2&lan=stockholms-lan").headers["X-Cache"] == "MISS"
    api = get(client, "/api/v1/exempel/?per_sida=5")
    assert len(api.json()["results"]) == 5
    assert get(client, "/api/v1/exempel/?r=1&per_sida=5").headers["X-Cache"] == "HIT"
    six = get(client, "/api/v1/exempel/?per_sida=6")
    assert six.headers["X-Cache"] == "MISS"
    assert len(six.json()["results"]) == 6


def test_a_view_that_lists_every_parameter_keeps_the_whole_query():
    from django.http import QueryDict

    from website.pagekeys import ALL, ReadTrackingQueryDict

    query = ReadTrackingQueryDict.of(QueryDict("a=1&b=2&a=3"))
    assert query.getlist("a") == ["1", "3"]
    assert query.get("c") is None
    assert "d" not in query
    assert query.reads() == ("a", "c", "d")
    for list_them in (dict, list, QueryDict.urlencode, len, lambda q: q.items()):
        query = ReadTrackingQueryDict.of(QueryDict("a=1&b=2"))
        list_them(query)
        assert query.reads() == ALL


def test_a_view_that_writes_its_full_address_keeps_the_whole_query(rf):
    from website.pagekeys import ALL, track

    request = rf.get("/sida/?a=1&r=2")
    tracked = track(request)
    assert request.GET.get("a") == "1"
    assert tracked.reads() == ("a",)
    assert request.build_absolute_uri() == "http://testserver/sida/?a=1&r=2"
    assert tracked.reads() == ALL
