"""The member's journey without the admin: draft, submit, review decision, "Mina exempel"."""

import io
import zipfile

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from examples.models import County, ExamplePage, Goal, Stage, TargetArea
from members.sharing import services
from tests.mfa_helpers import login_with_mfa

pytestmark = pytest.mark.django_db


def png_bytes(size=(64, 48), color=(20, 110, 70)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def member(db):
    user = get_user_model().objects.create_user(
        username="anna@example.se", email="anna@example.se", password="x", first_name="Anna"
    )
    user.groups.add(Group.objects.get(name="Medlemmar"))
    return user


@pytest.fixture
def other_member(db):
    return get_user_model().objects.create_user(
        username="bo@example.se", email="bo@example.se", password="x"
    )


@pytest.fixture
def editor(db):
    return get_user_model().objects.get(email="redaktor@example.se")


def form_data(**overrides):
    jamtland = County.objects.get(code="23")
    data = {
        "title": "Hälsosamtal i skolan",
        "summary": "Skolsköterskor i Jämtland erbjuder hälsosamtal.",
        "body": "Första stycket.\n\nAndra stycket.",
        "county": jamtland.pk,
        "target_areas": [TargetArea.objects.get(slug="skola").pk],
        "stage": Stage.TRIAL,
        "goals": [Goal.objects.get(number=10).pk],
        "tags": "strategiförhälsa, elevhälsa",
        "results": "",
        "org-TOTAL_FORMS": "3",
        "org-INITIAL_FORMS": "0",
        "org-MIN_NUM_FORMS": "0",
        "org-MAX_NUM_FORMS": "10",
        "org-0-name": "Region Jämtland Härjedalen",
        "org-0-kind": "region",
        "org-0-role": "owner",
    }
    data.update(overrides)
    return data


def test_the_form_shows_every_part_of_an_example(client, member):
    client.force_login(member)
    html = client.get("/dela/").content.decode()
    for label in (
        "Namn på exemplet",
        "Ingress",
        "Län",
        "Kommuner",
        "Organisationer som är med",
        "Verksamhetsområden",
        "Målgrupper",
        "God och jämlik hälsa",
        "Steg 4",
        "länets ordinarie samverkansarbete",
        "Taggar",
        "Startår",
        "Resultat och evidens",
        "Lärdomar",
        "Kontaktperson",
        "Omslagsbild",
        "Bilagor",
        "Spara utkast",
        "Skicka för granskning",
    ):
        assert label in html, label
    assert 'value="strategiförhälsa"' in html


def test_a_draft_needs_only_a_name(client, member):
    client.force_login(member)
    response = client.post(
        "/dela/",
        {"title": "Bara ett namn", "draft": "1", "org-TOTAL_FORMS": "0", "org-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 302
    page = ExamplePage.objects.get(owner=member)
    assert not page.live
    html = client.get("/mina-exempel/").content.decode()
    assert "Bara ett namn" in html and "Utkast" in html


def member_mails(address="anna@example.se"):
    return [message for message in mail.outbox if message.to == [address]]


def test_editors_are_told_of_a_submission(
    client, member, editor, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/dela/", {**form_data(), "submit": "1"})
    (message,) = [m for m in mail.outbox if editor.email in m.to]
    # Swedish, and the members' word for the step.
    assert message.subject.endswith("”Hälsosamtal i skolan” väntar på granskning")
    assert "”Hälsosamtal i skolan” har skickats för granskning." in message.body
    assert "moderation" not in message.body.lower()


def test_submit_review_approve_publishes_and_mails_the_member(
    client, member, editor, django_capture_on_commit_callbacks
):
    client.force_login(member)
    upload = SimpleUploadedFile("skola.png", png_bytes(), content_type="image/png")
    response = client.post(
        "/dela/", {**form_data(cover_image_alt="Grön yta"), "cover_image": upload, "submit": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ExamplePage.objects.get(owner=member)
    assert not page.live
    assert "Granskas" in client.get("/mina-exempel/").content.decode()

    task_state = page.current_workflow_state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.approve(user=editor, comment="Fint exempel.")

    page = ExamplePage.objects.get(pk=page.pk)
    assert page.live
    assert page.cover_image.description == "Grön yta"
    assert [c.stage for c in page.stage_timeline] == [Stage.TRIAL]
    assert "elevhälsa" in page.tags.names() and "strategiförhälsa" in page.tags.names()
    assert page.organisations.get().name == "Region Jämtland Härjedalen"
    public = client.get(page.url).content.decode()
    assert (
        "Hälsosamtal i skolan" in public and "Fler elever ska känna sig trygga i skolan" in public
    )
    assert "Publicerad" in client.get("/mina-exempel/").content.decode()
    mails = member_mails()
    assert len(mails) == 1, [m.subject for m in mails]
    assert "publicerat" in mails[0].subject and "Fint exempel." in mails[0].body
    assert "/admin/" not in mails[0].body


def test_a_rejection_shows_the_editors_comment_and_mails_it(
    client, member, editor, django_capture_on_commit_callbacks
):
    client.force_login(member)
    client.post("/dela/", {**form_data(), "submit": "1"})
    page = ExamplePage.objects.get(owner=member)
    with django_capture_on_commit_callbacks(execute=True):
        page.current_workflow_state.current_task_state.reject(
            user=editor, comment="Beskriv resultaten."
        )
    html = client.get("/mina-exempel/").content.decode()
    assert "Avslagen" in html and "Beskriv resultaten." in html
    mails = member_mails()
    assert len(mails) == 1, [m.subject for m in mails]
    assert "behöver ändras" in mails[0].subject and "Beskriv resultaten." in mails[0].body


def test_a_failing_mail_server_does_not_undo_the_decision(
    client, member, editor, django_capture_on_commit_callbacks, monkeypatch
):
    client.force_login(member)
    client.post("/dela/", {**form_data(), "submit": "1"})
    page = ExamplePage.objects.get(owner=member)

    def broken_send_mail(*args, **kwargs):
        raise ConnectionRefusedError("SMTP nere")

    monkeypatch.setattr("members.sharing.notifications.send_mail", broken_send_mail)
    with django_capture_on_commit_callbacks(execute=True):
        page.current_workflow_state.current_task_state.approve(user=editor)
    assert ExamplePage.objects.get(pk=page.pk).live


def test_editing_a_published_example_keeps_the_live_version_until_approved(client, member, editor):
    client.force_login(member)
    client.post("/dela/", {**form_data(), "submit": "1"})
    page = ExamplePage.objects.get(owner=member)
    page.current_workflow_state.current_task_state.approve(user=editor)

    response = client.post(
        f"/mina-exempel/{page.pk}/andra/",
        {**form_data(title="Nytt namn", stage=Stage.SCALING), "submit": "1"},
    )
    assert response.status_code == 302
    page = ExamplePage.objects.get(pk=page.pk)
    assert page.live and page.title == "Hälsosamtal i skolan"
    assert "Ändringar granskas" in client.get("/mina-exempel/").content.decode()
    assert "Hälsosamtal i skolan" in client.get(page.url).content.decode()

    page.current_workflow_state.current_task_state.approve(user=editor)
    page = ExamplePage.objects.get(pk=page.pk)
    assert page.title == "Nytt namn"
    assert [c.stage for c in page.stage_timeline] == [Stage.TRIAL, Stage.SCALING]


def test_a_new_stage_is_dated_and_reviewed(client, member, editor):
    client.force_login(member)
    client.post("/dela/", {**form_data(), "submit": "1"})
    page = ExamplePage.objects.get(owner=member)
    page.current_workflow_state.current_task_state.approve(user=editor)

    assert (
        client.post(
            f"/mina-exempel/{page.pk}/nytt-steg/",
            {
                "stage": Stage.REGULAR,
                "month": page.latest_stage_change.date.month,
                "year": page.latest_stage_change.date.year,
            },
        ).status_code
        == 302
    )
    page = ExamplePage.objects.get(pk=page.pk)
    assert page.stage == Stage.TRIAL  # still the live version
    page.current_workflow_state.current_task_state.approve(user=editor)
    assert ExamplePage.objects.get(pk=page.pk).stage == Stage.REGULAR


def test_withdrawing_takes_a_published_example_off_the_site(client, member, editor):
    client.force_login(member)
    client.post("/dela/", {**form_data(), "submit": "1"})
    page = ExamplePage.objects.get(owner=member)
    page.current_workflow_state.current_task_state.approve(user=editor)
    url = ExamplePage.objects.get(pk=page.pk).url

    assert client.post(f"/mina-exempel/{page.pk}/aterkalla/").status_code == 302
    client.logout()
    assert client.get(url).status_code == 404


def test_a_validation_error_keeps_what_was_typed_and_uploaded(client, member):
    client.force_login(member)
    image = SimpleUploadedFile("bild.png", png_bytes(), content_type="image/png")
    document = SimpleUploadedFile(
        "plan.docx", docx_bytes(), content_type="application/octet-stream"
    )
    data = {
        **form_data(county=""),
        "cover_image": image,
        "cover_image_alt": "Grön yta",
        "attachments": [document],
        "submit": "1",
    }
    response = client.post("/dela/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Formuläret behöver rättas" in html
    assert 'id="id_county_error"' in html and 'aria-invalid="true"' in html
    assert "Skolsköterskor i Jämtland erbjuder hälsosamtal." in html
    assert "Bild som finns med: " in html and "plan.docx" in html

    # The next post carries the uploads by token, without choosing the files again.
    tokens = {
        name: html.split(f'name="{name}" value="', 1)[1].split('"', 1)[0]
        for name in ("cover_image_token", "attachments_token")
    }
    response = client.post(
        "/dela/", {**form_data(cover_image_alt="Grön yta"), **tokens, "submit": "1"}
    )
    assert response.status_code == 302
    page = ExamplePage.objects.get(owner=member)
    draft = page.get_latest_revision_as_object()
    assert draft.cover_image is not None
    assert [a.document.title for a in draft.attachments.all()] == ["plan.docx"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bild.jpg", b"GIF89a not really", "inte en JPEG-, PNG- eller WebP-bild"),
        (
            "bild.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "SVG-bilder",
        ),
        ("tom.png", b"", "Filen är tom"),
        ("trasig.png", png_bytes()[:60], "skadad eller ofullständig"),
    ],
)
def test_bad_images_are_refused_with_a_swedish_reason(client, member, name, content, message):
    client.force_login(member)
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post("/dela/", {**form_data(), "cover_image": upload, "submit": "1"})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Skolsköterskor i Jämtland erbjuder hälsosamtal." in html
    assert not ExamplePage.objects.filter(owner=member).exists()


def test_a_pixel_bomb_is_refused(client, member):
    client.force_login(member)
    bomb = png_bytes(size=(8000, 6000), color=(0, 0, 0))
    response = client.post(
        "/dela/",
        {**form_data(), "cover_image": SimpleUploadedFile("bomb.png", bomb), "submit": "1"},
    )
    assert response.status_code == 400
    assert "för många bildpunkter" in response.content.decode()


def test_an_oversize_image_is_refused(client, member, settings):
    from members.sharing import uploads

    client.force_login(member)
    big = png_bytes() + b"\0" * (uploads.MAX_IMAGE_BYTES + 1)
    response = client.post(
        "/dela/", {**form_data(), "cover_image": SimpleUploadedFile("stor.png", big), "submit": "1"}
    )
    assert "större än 10 MB" in response.content.decode()


def test_a_renamed_program_is_not_a_document(client, member):
    client.force_login(member)
    exe = SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00" + b"\0" * 100)
    response = client.post("/dela/", {**form_data(), "attachments": [exe], "submit": "1"})
    assert "”rapport.pdf” är inte en PDF-" in response.content.decode()


def test_members_see_only_their_own_examples(client, member, other_member):
    client.force_login(member)
    client.post(
        "/dela/",
        {"title": "Annas utkast", "draft": "1", "org-TOTAL_FORMS": "0", "org-INITIAL_FORMS": "0"},
    )
    page = ExamplePage.objects.get(owner=member)
    client.force_login(other_member)
    for url in (
        f"/mina-exempel/{page.pk}/andra/",
        f"/mina-exempel/{page.pk}/aterkalla/",
        f"/mina-exempel/{page.pk}/nytt-steg/",
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"stage": 3}).status_code == 404, url
    assert "Du har inte delat något exempel ännu." in client.get("/mina-exempel/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in (
        "/dela/",
        "/mina-exempel/",
        "/mina-exempel/1/andra/",
        "/mina-exempel/1/aterkalla/",
        "/mina-exempel/1/nytt-steg/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/konto/login/"), url


def test_members_cannot_use_the_admin(client, member):
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)


def test_text_is_stored_safely(member, client):
    assert services.text_to_html("<script>alert(1)</script>\n\nRad två") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>Rad två</p>"
    )


@pytest.mark.parametrize("who", ["anonymous", "owner", "other_member", "editor"])
def test_authorization_matrix_for_the_members_pages(client, member, other_member, editor, who):
    """Every member view × who is asking: only the owner reaches their example's pages."""
    client.force_login(member)
    client.post(
        "/dela/",
        {"title": "Annas utkast", "draft": "1", "org-TOTAL_FORMS": "0", "org-INITIAL_FORMS": "0"},
    )
    page = ExamplePage.objects.get(owner=member)
    client.logout()
    users = {"owner": member, "other_member": other_member}
    if who in users:
        client.force_login(users[who])
    elif who == "editor":
        login_with_mfa(client, editor)  # an editor's session always passed the TOTP step
    expected_own = {"anonymous": 302, "owner": 200, "other_member": 404, "editor": 404}[who]
    expected_general = 302 if who == "anonymous" else 200
    for url in ("/dela/", "/mina-exempel/"):
        assert client.get(url).status_code == expected_general, (who, url)
    for suffix in ("andra/", "aterkalla/", "nytt-steg/"):
        url = f"/mina-exempel/{page.pk}/{suffix}"
        assert client.get(url).status_code == expected_own, (who, url)


def test_the_header_leads_a_member_to_their_pages(client, member):
    client.force_login(member)
    header = client.get("/").content.decode().split("</header>")[0]
    for href, text in (("/dela/", "Dela med dig"), ("/mina-exempel/", "Mina exempel")):
        assert f'href="{href}"' in header and text in header


def test_municipalities_of_the_chosen_county_come_first(client, member):
    client.force_login(member)
    html = client.post("/dela/", {**form_data(summary=""), "submit": "1"}).content.decode()
    select = html.split('name="municipalities"', 1)[1].split("</select>", 1)[0]
    assert select.index('<optgroup label="Jämtlands län">') < select.index(
        '<optgroup label="Blekinge län">'
    )
    assert "Visa kommuner i alla län" in html and "js/share-form" in html


def test_a_draft_edit_of_a_published_example_changes_nothing_live(
    client, member, editor, settings, django_capture_on_commit_callbacks
):
    """The cover image's alt text is part of what the editor approves: a member's draft edit
    leaves the live page, cached or freshly rendered, exactly as it was."""
    from django.test import Client

    client.force_login(member)
    upload = SimpleUploadedFile("skola.png", png_bytes(), content_type="image/png")
    client.post(
        "/dela/", {**form_data(cover_image_alt="Grön yta"), "cover_image": upload, "submit": "1"}
    )
    page = ExamplePage.objects.get(owner=member)
    with django_capture_on_commit_callbacks(execute=True):
        page.current_workflow_state.current_task_state.approve(user=editor)
    page = ExamplePage.objects.get(pk=page.pk)
    settings.PAGE_CACHE_SECONDS = 300
    visitor = Client()
    assert visitor.get(page.url).headers["X-Cache"] == "MISS"
    live_html = visitor.get(page.url).content.decode()
    assert 'alt="Grön yta"' in live_html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/mina-exempel/{page.pk}/andra/",
            {**form_data(title="Nytt namn", cover_image_alt="Ny alternativtext"), "draft": "1"},
        )
    assert response.status_code == 302
    assert (
        'value="Ny alternativtext"'
        in client.get(f"/mina-exempel/{page.pk}/andra/").content.decode()
    )

    cached = visitor.get(page.url)
    assert cached.headers["X-Cache"] == "HIT", "a draft save purges nothing"
    settings.PAGE_CACHE_SECONDS = 0
    fresh = visitor.get(page.url).content.decode()
    for html in (cached.content.decode(), fresh):
        assert 'alt="Grön yta"' in html and "Hälsosamtal i skolan" in html
        assert "Ny alternativtext" not in html and "Nytt namn" not in html

    client.post(
        f"/mina-exempel/{page.pk}/andra/",
        {**form_data(title="Nytt namn", cover_image_alt="Ny alternativtext"), "submit": "1"},
    )
    page = ExamplePage.objects.get(pk=page.pk)
    with django_capture_on_commit_callbacks(execute=True):
        page.current_workflow_state.current_task_state.approve(user=editor)
    html = visitor.get(ExamplePage.objects.get(pk=page.pk).url).content.decode()
    assert 'alt="Ny alternativtext"' in html and "Nytt namn" in html
