"""The tillgänglighetsredogörelse: every element DIGG requires, kept by editors in the admin, and
linked from the footer of every kind of page; plus the contact page and the demo attachment.
"""

import datetime
import io
import zipfile
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from examples.demo import site_pages
from examples.demo.loader import FACT_SHEET_EXAMPLE
from examples.models import ExamplePage, SeminarPage
from tests.mfa_helpers import login_with_mfa
from website.models import AccessibilityStatementPage, ContentPage, HomePage

pytestmark = pytest.mark.django_db

STATEMENT_URL = "/tillganglighetsredogorelse/"
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"

# DIGG's model statement, in its order.
DIGG_HEADINGS = [
    "Hur tillgänglig är webbplatsen?",
    "Vad kan du göra om du inte kan använda delar av webbplatsen?",
    "Rapportera brister i webbplatsens tillgänglighet",
    "Tillsyn",
    "Teknisk information om webbplatsens tillgänglighet",
    "Innehåll som inte är tillgängligt",
    "Bristande förenlighet med lagkraven",
    "Oskäligt betungande anpassning",
    "Innehåll som inte omfattas av lagen",
    "Hur vi testat webbplatsen",
]


def soup_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(tag):
    """The text as a reader hears it: whitespace collapsed."""
    return " ".join(tag.get_text().split())


def section_text(soup, heading):
    """The text between ``heading`` and the next heading of the same or a higher level."""
    start = soup.find(["h2", "h3"], string=heading)
    assert start is not None, f"no heading {heading!r}"
    parts = []
    for sibling in start.find_next_siblings():
        if sibling.name in ("h2", "h3") and sibling.name <= start.name:
            break
        parts.append(text_of(sibling))
    return " ".join(parts)


@pytest.fixture
def statement(demo):
    return AccessibilityStatementPage.objects.get()


def test_statement_has_every_element_digg_requires(client, statement):
    soup = soup_of(client, STATEMENT_URL)
    main = soup.find("main")
    assert main.find("h1").get_text(strip=True) == "Tillgänglighetsredogörelse"
    headings = [h.get_text(strip=True) for h in main.find_all(["h2", "h3"])]
    assert headings == DIGG_HEADINGS

    lead = text_of(main.find(class_="lead"))
    # The body responsible (a marked placeholder in the demo) and the service it covers.
    assert lead.startswith(f"{site_pages.OPERATOR_PLACEHOLDER} står bakom")
    assert "webbplatsen Goda exempel för hälsa" in lead
    assert "lagen (2018:1937) om tillgänglighet till digital offentlig service" in lead

    technical = section_text(soup, "Teknisk information om webbplatsens tillgänglighet")
    assert "är delvis förenlig med lagen (2018:1937)" in technical

    shortcomings = section_text(soup, "Bristande förenlighet med lagkraven")
    assert "Bilagor som medlemmar laddar upp" in shortcomings
    assert "WCAG 2.1: 1.1.1 Icke-textuellt innehåll; 1.3.1 Information och relationer" in (
        shortcomings
    )

    alternative = section_text(soup, "Vad kan du göra om du inte kan använda delar av webbplatsen?")
    assert "i en annan form" in alternative
    report = soup.find("h2", string="Rapportera brister i webbplatsens tillgänglighet")
    mail = report.find_next("a", href=f"mailto:{site_pages.CONTACT_EMAIL_PLACEHOLDER}")
    assert mail is not None and mail.find_previous(["h2"]) == report

    supervision = soup.find("h2", string="Tillsyn")
    digg = supervision.find_next("a")
    assert digg["href"] == DIGG_REPORT_URL
    assert "Digg" in digg.get_text()
    assert "Myndigheten för digital förvaltning" in section_text(soup, "Tillsyn")

    assert "åberopar inte undantaget för oskäligt betungande anpassning" in section_text(
        soup, "Oskäligt betungande anpassning"
    )
    assert "webbsändning" in section_text(soup, "Innehåll som inte omfattas av lagen")

    method = section_text(soup, "Hur vi testat webbplatsen")
    for words in ("självskattning", "axe-core", "Chromium", "tangentbord"):
        assert words in method, words
    assert main.find("time", datetime="2026-12-01") is not None
    assert "Senaste bedömningen gjordes den 1 december 2026" in method
    assert "Redogörelsen uppdaterades senast den 1 december 2026" in text_of(main)


def test_digg_is_only_linked_never_loaded(client, statement):
    soup = soup_of(client, STATEMENT_URL)
    loaded = [tag["src"] for tag in soup.find_all(src=True)]
    loaded += [tag["href"] for tag in soup.find_all("link", href=True)]
    own = (settings.SITE_URL.rstrip("/") + "/", "/")  # the canonical link is absolute
    assert loaded and all(url.startswith(own) for url in loaded), loaded
    assert soup.find("a", href=DIGG_REPORT_URL) is not None


def test_the_page_follows_what_the_editor_enters(client, statement):
    statement.compliance_status = AccessibilityStatementPage.Compliance.FULL
    statement.shortcomings = []
    statement.contact_phone = "010-123 45 67"
    statement.disproportionate_burden = "<p>Äldre filmer textas inte ännu.</p>"
    statement.last_updated = datetime.date(2027, 3, 5)
    statement.full_clean()
    statement.save_revision().publish()

    soup = soup_of(client, STATEMENT_URL)
    assert "är helt förenlig med lagen" in section_text(
        soup, "Teknisk information om webbplatsens tillgänglighet"
    )
    assert "Vi känner inte till några brister" in section_text(
        soup, "Bristande förenlighet med lagkraven"
    )
    assert soup.find("a", href="tel:0101234567").get_text() == "010-123 45 67"
    assert section_text(soup, "Oskäligt betungande anpassning") == (
        "Äldre filmer textas inte ännu."
    )
    assert "uppdaterades senast den 5 mars 2027" in text_of(soup)


@pytest.mark.parametrize(
    ("status", "shortcomings", "field"),
    [
        ("full", [("shortcoming", {"description": "Brist", "criteria": ["1.4.3"]})], "status"),
        ("partial", [], "shortcomings"),
        ("none", [], "shortcomings"),
    ],
)
def test_status_and_shortcomings_must_agree(statement, status, shortcomings, field):
    statement.compliance_status = status
    statement.shortcomings = shortcomings
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert ("compliance_status" if field == "status" else "shortcomings") in error.value.error_dict


def test_one_statement_per_site_under_the_start_page(statement):
    home = HomePage.objects.get()
    assert statement.get_parent().specific == home
    assert not AccessibilityStatementPage.can_create_at(home)
    assert AccessibilityStatementPage.allowed_parent_page_models() == [HomePage]


def test_editors_keep_the_statement_in_the_admin(client, statement):
    editor = get_user_model().objects.get(email="redaktor@example.se")
    login_with_mfa(client, editor)
    html = client.get(f"/admin/pages/{statement.pk}/edit/").content.decode()
    for label in (
        "Ansvarig organisation",
        "Förenlighet med lagen",
        "Kända brister",
        "Få innehållet på annat sätt",
        "E-post för synpunkter",
        "Oskäligt betungande anpassning",
        "Innehåll som inte omfattas av lagen",
        "Datum för senaste bedömningen",
        "Hur webbplatsen har testats",
        "Redogörelsen uppdaterades senast",
    ):
        assert label in html, label


def member_client(client):
    member = get_user_model().objects.get(email="medlem@example.se")
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    return client


FOOTER_PATHS = {
    "start": "/",
    "exempel": None,  # an example page, found below
    "seminarium": None,
    "sok": "/sok/?q=barn",
    "innehallssida": "/kontakt/",
    "logga-in": "/konto/login/",
    "bli-medlem": "/konto/signup/",
    "losenord": "/konto/password/reset/",
    "404": "/finns-inte/",
}


@pytest.mark.parametrize("kind", FOOTER_PATHS)
def test_every_kind_of_page_links_the_statement_from_its_footer(client, statement, kind):
    path = FOOTER_PATHS[kind]
    if kind == "exempel":
        path = ExamplePage.objects.live().first().url
    elif kind == "seminarium":
        path = SeminarPage.objects.live().first().url
    response = client.get(path)
    assert response.status_code == (404 if kind == "404" else 200)
    footer = BeautifulSoup(response.content.decode(), "html.parser").find("footer")
    link = footer.find("a", href=STATEMENT_URL)
    assert link is not None and link.get_text(strip=True) == "Tillgänglighetsredogörelse"


@pytest.mark.parametrize("path", ["/konto/profil/", "/dela/", "/mina-exempel/"])
def test_member_pages_link_the_statement_from_their_footer(client, statement, path):
    response = member_client(client).get(path)
    assert response.status_code == 200
    footer = BeautifulSoup(response.content.decode(), "html.parser").find("footer")
    assert footer.find("a", href=STATEMENT_URL) is not None


def test_the_footer_link_stays_whatever_the_content_pages_say(client, statement):
    ContentPage.objects.update(show_in_footer=False)
    footer = soup_of(client, "/").find("footer")
    # The statement and the open-data page are the site's own links, not content pages.
    assert [a["href"] for a in footer.find_all("a")] == [STATEMENT_URL, "/api/"]


def test_the_contact_page_is_about_the_site_and_in_the_footer(client, demo):
    soup = soup_of(client, "/kontakt/")
    main = soup.find("main")
    assert main.find("h1").get_text() == "Kontakt"
    text = text_of(main)
    assert site_pages.OPERATOR_PLACEHOLDER in text
    assert main.find("a", href=f"mailto:{site_pages.CONTACT_EMAIL_PLACEHOLDER}") is not None
    assert main.find("a", href=STATEMENT_URL) is not None
    assert soup.find("footer").find("a", href="/kontakt/") is not None


def test_one_demo_example_has_a_fact_sheet_attachment_that_downloads(client, demo):
    page = ExamplePage.objects.get(slug=FACT_SHEET_EXAMPLE)
    attachment = page.attachments.get()
    soup = soup_of(client, page.url)
    link = soup.find("section", attrs={"aria-labelledby": "attachments-heading"}).find("a")
    assert link.get_text(strip=True) == f"{page.title} i korthet"

    response = client.get(link["href"])
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content) if response.streaming else response.content
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        body = archive.read("content.xml").decode()
        meta = archive.read("meta.xml").decode()
        for name in ("content.xml", "meta.xml", "META-INF/manifest.xml"):
            ElementTree.fromstring(archive.read(name))  # well-formed, or LibreOffice refuses it
    assert f"<dc:title>{attachment.document.title}</dc:title>" in meta
    assert page.county.name in body
    assert 'text:outline-level="2">Mål som arbetet påverkar<' in body
    for goal in page.goals.all():
        assert goal.text in body


def test_the_demo_replaces_an_old_statement_content_page(demo):
    home = HomePage.objects.get()
    AccessibilityStatementPage.objects.get().delete()
    home.add_child(
        instance=ContentPage(
            title="Tillgänglighetsredogörelse",
            slug="tillganglighetsredogorelse",
            show_in_footer=True,
        )
    )
    call_command("load_demo_content", stdout=StringIO())
    assert not ContentPage.objects.filter(slug="tillganglighetsredogorelse").exists()
    statement = AccessibilityStatementPage.objects.get()
    assert statement.live and statement.url == STATEMENT_URL

    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert "0 nya poster" in out.getvalue()
