"""The XSS corpus through every field a member (or an editor's comment to them) can fill in.

A member shares an example with a payload in every field, an editor publishes it, and every
page and open-data output that shows it is read back: the payloads must be there as text
(so the test would notice a field that is not shown at all) and never as markup, event
handlers or ``javascript:``/``data:`` links. The browser half, which listens for dialogs, is
``tests/browser/test_xss.py``.
"""

import json
from xml.etree import ElementTree  # nosec B405 - parses the site's own feed

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from examples.models import County, ExamplePage, Stage, TargetArea
from members.models import MemberProfile
from tests.security import corpus
from tests.security.corpus import executable_parts, text_of

pytestmark = pytest.mark.django_db

P = corpus.XSS_PAYLOADS
ONE_VALUE = {
    "title": f"Tryggt {P[0]} {P[3]}",
    "contact_name": f"{P[2]} {P[12]}",
    "contact_role": f"{P[3]} {P[5]}",
    "contact_email": '"<svg/onload=alert(1)>"@example.se',
    "cover_image_alt": f"{P[4]} {P[5]}",
    "org-0-name": f"{P[7]} {P[9]}",
}
LONG_TEXT = {
    "summary": corpus.XSS_ONE_LINE,
    "body": "\n\n".join(P),
    "results": "\n".join(P),
    "lessons": "\n\n".join(P),
    "transfer": corpus.XSS_ONE_LINE,
}
TAGS = [payload for payload in P if len(payload) <= 100]
REJECTION = "Skriv om: " + corpus.XSS_ONE_LINE


@pytest.fixture
def member(db):
    user = get_user_model().objects.create_user(
        username="xss@example.se", email="xss@example.se", password="x"
    )
    user.groups.add(Group.objects.get(name="Medlemmar"))
    MemberProfile.objects.create(user=user, contact_consent_at=timezone.now())
    return user


@pytest.fixture
def editor(db):
    return get_user_model().objects.get(email="redaktor@example.se")


def share(client, **overrides):
    data = {
        **ONE_VALUE,
        **LONG_TEXT,
        "tags": ", ".join(TAGS),
        "county": County.objects.get(code="23").pk,
        "target_areas": [TargetArea.objects.get(slug="skola").pk],
        "stage": Stage.TRIAL,
        "cover_image": SimpleUploadedFile("bild.png", corpus.png()),
        "org-TOTAL_FORMS": "1",
        "org-INITIAL_FORMS": "0",
        "org-0-kind": "region",
        "org-0-role": "owner",
        "submit": "1",
        **overrides,
    }
    response = client.post("/dela/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def published(member_client, member, editor, django_capture_on_commit_callbacks):
    """The member's example carrying the corpus, approved (and so indexed) by an editor."""
    share(member_client)
    page = ExamplePage.objects.get(owner=member)
    with django_capture_on_commit_callbacks(execute=True):
        page.current_workflow_state.current_task_state.approve(user=editor)
    page = ExamplePage.objects.get(pk=page.pk)
    assert page.live
    return page


def assert_neutralised(html: str):
    found = executable_parts(html)
    assert found == [], found


def assert_shown_as_text(html: str, values):
    text = text_of(html)
    for value in values:
        for line in value.split("\n"):
            assert " ".join(line.split()) in text, line


def test_the_public_page_shows_every_field_as_text(client, published):
    html = client.get(published.url).content.decode()
    assert_neutralised(html)
    assert_shown_as_text(html, [*ONE_VALUE.values(), *LONG_TEXT.values(), *TAGS])


def test_rich_text_is_stored_escaped(published):
    for html in (published.results, published.lessons, published.transfer):
        assert "<script" not in html and "&lt;script&gt;" in html
        assert executable_parts(html) == []
    (paragraph,) = [block for block in published.body if block.block_type == "paragraph"]
    assert executable_parts(paragraph.value.source) == []


def test_mina_exempel_shows_the_title_and_the_editors_comment_as_text(
    member_client, member, editor, django_capture_on_commit_callbacks
):
    share(member_client)
    page = ExamplePage.objects.get(owner=member)
    with django_capture_on_commit_callbacks(execute=True):
        page.current_workflow_state.current_task_state.reject(user=editor, comment=REJECTION)
    html = member_client.get("/mina-exempel/").content.decode()
    assert "Avslagen" in html
    assert_neutralised(html)
    assert_shown_as_text(html, [ONE_VALUE["title"], REJECTION])


def test_the_form_shows_the_corpus_back_as_text_when_editing(member_client, member):
    share(member_client, submit="", draft="1")
    page = ExamplePage.objects.get(owner=member)
    html = member_client.get(f"/mina-exempel/{page.pk}/andra/").content.decode()
    assert_neutralised(html)
    assert_shown_as_text(html, [*ONE_VALUE.values(), *LONG_TEXT.values()])


def test_a_refused_form_shows_the_corpus_back_as_text(member_client):
    response = member_client.post(
        "/dela/", {**ONE_VALUE, **LONG_TEXT, "org-TOTAL_FORMS": "1", "org-INITIAL_FORMS": "0"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert_neutralised(html)
    assert_shown_as_text(html, [LONG_TEXT["summary"]])


def test_search_results_and_suggestions_show_the_corpus_as_text(client, published):
    html = client.get("/sok/", {"q": "tryggt alert"}).content.decode()
    assert "Tryggt" in html
    assert_neutralised(html)
    assert_shown_as_text(html, [ONE_VALUE["title"]])
    # Suggestions are data for autocomplete.js, which writes them with textContent.
    suggestions = client.get("/sok/forslag/", {"q": "tryggt"})
    assert suggestions["Content-Type"].startswith("application/json")
    assert suggestions["X-Content-Type-Options"] == "nosniff"
    assert ONE_VALUE["title"] in [item["title"] for item in suggestions.json()["results"]]


def test_a_search_for_a_payload_is_reflected_as_text(client, published):
    for payload in P:
        html = client.get("/sok/", {"q": payload}).content.decode()
        assert_neutralised(html)


def test_the_start_page_and_the_listing_show_the_card_as_text(client, published):
    for path in ("/", published.get_parent().url):
        html = client.get(path).content.decode()
        assert_neutralised(html)
        assert_shown_as_text(html, [ONE_VALUE["title"]])


def test_the_api_carries_the_corpus_as_data_and_only_http_links(client, published):
    response = client.get(f"/api/v1/exempel/{published.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    example = response.json()
    assert example["title"] == ONE_VALUE["title"]

    def urls(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key.endswith("url") and isinstance(item, str):
                    yield item
                yield from urls(item)
        elif isinstance(value, list):
            for item in value:
                yield from urls(item)

    links = list(urls(example))
    assert links and all(link.startswith(("http://", "https://")) for link in links), links
    listing = client.get("/api/v1/exempel/", {"q": "tryggt"}).json()
    assert ONE_VALUE["title"] in [item["title"] for item in listing["results"]]


@pytest.mark.parametrize("path", ["/flode/nya-exempel/", "/flode/sok/?q=tryggt"])
def test_feeds_escape_the_corpus_for_feed_readers(client, published, path):
    response = client.get(path)
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - the site's own output
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    (entry,) = [
        e
        for e in feed.findall("atom:entry", ns)
        if e.findtext("atom:title", "", ns) == ONE_VALUE["title"]
    ]
    for element in entry.iter():
        # Text declared as HTML is rendered as HTML by feed readers: it must be safe HTML.
        if element.get("type") == "html":
            assert executable_parts(element.text or "") == [], element.tag
        if element.get("href"):
            assert element.get("href").startswith(("http://", "https://"))
    summary = entry.find("atom:summary", ns)
    assert summary.get("type") == "html"
    assert_shown_as_text(summary.text, [LONG_TEXT["summary"]])


def test_the_csv_is_a_download_not_a_page(client, published):
    response = client.get("/sok/export.csv", {"q": "tryggt"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "Tryggt" in b"".join(response.streaming_content).decode("utf-8-sig")


# ----------------------------------------------------------------------------------------------
# Accounts
# ----------------------------------------------------------------------------------------------

PROFILE = {
    "first_name": P[0][:150],
    "last_name": P[3][:150],
    "organisation": P[7],
    "title": P[2],
}


def test_the_profile_shows_the_corpus_back_as_text(member_client, member):
    response = member_client.post("/konto/profil/", {**PROFILE, "county": ""})
    assert response.status_code == 302
    html = member_client.get("/konto/profil/").content.decode()
    assert_neutralised(html)
    assert_shown_as_text(html, PROFILE.values())
    export = member_client.get("/konto/mina-uppgifter.json")
    assert export["Content-Type"].startswith("application/json")
    assert json.loads(export.content)  # data, not a page


def test_a_hostile_signup_address_is_shown_as_text(client):
    """A quoted local part may hold markup and still be a valid address."""
    address = ONE_VALUE["contact_email"]
    password = "en-lång-fras-2026!"
    response = client.post(
        "/konto/signup/", {"email": address, "password1": password, "password2": password}
    )
    assert response.status_code == 302
    client.force_login(get_user_model().objects.get(email=address))
    html = client.get("/konto/profil/").content.decode()
    assert_neutralised(html)
    assert_shown_as_text(html, [address])


@pytest.mark.parametrize("payload", P)
def test_a_refused_signup_shows_the_payload_as_text(client, payload):
    response = client.post(
        "/konto/signup/", {"email": payload, "password1": payload, "password2": payload}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Skriv e-postadressen i formen namn@exempel.se." in html
    assert_neutralised(html)


@pytest.mark.parametrize("payload", [p for p in P if p.lstrip("\"'>").startswith("<")])
def test_the_checker_would_see_each_payload_unescaped(payload):
    assert executable_parts(f"<p>{payload}</p>") != []
