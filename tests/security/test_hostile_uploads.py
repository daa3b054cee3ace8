"""The bad-upload corpus through "Dela med dig", and through the Wagtail admin's uploads.

Every bad file is refused with a Swedish sentence beside its field, the rest of what the member
typed comes back in the form, and nothing is stored. Good files under hostile names are stored,
but only under a plain name inside the media folder, with the extension their content shows.
Files are posted in a multipart body written by hand (``corpus.multipart``), so that names such
as ``../../etc/passwd.jpg`` reach the server exactly as an attacker would send them.
"""

import html
import re
import tracemalloc
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest

from examples.models import County, ExamplePage, Stage, TargetArea
from members.sharing import uploads
from tests.security import corpus

pytestmark = pytest.mark.django_db

TYPED = {
    "title": "Hälsosamtal i skolan",
    "summary": "Skolsköterskor i Jämtland erbjuder hälsosamtal.",
    "body": "Första stycket om arbetet.",
    "tags": "elevhälsa, samtal",
    "results": "Fler elever söker stöd.",
    "contact_name": "Karin Ek",
    "org-0-name": "Region Jämtland Härjedalen",
}


@pytest.fixture
def member(db):
    user = get_user_model().objects.create_user(
        username="uppladdare@example.se", email="uppladdare@example.se", password="x"
    )
    user.groups.add(Group.objects.get(name="Medlemmar"))
    return user


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def share_fields(**overrides):
    fields = {
        **TYPED,
        "county": County.objects.get(code="23").pk,
        "target_areas": [TargetArea.objects.get(slug="skola").pk],
        "stage": Stage.TRIAL,
        "cover_image_alt": "Elever på skolgården",
        "org-TOTAL_FORMS": "3",
        "org-INITIAL_FORMS": "0",
        "org-0-kind": "region",
        "org-0-role": "owner",
        "submit": "1",
    }
    fields.update(overrides)
    return fields


def post_files(client, files, **overrides):
    body, content_type = corpus.multipart(share_fields(**overrides), files)
    return client.post("/dela/", data=body, content_type=content_type)


def field_errors(page: str, field: str) -> str:
    """The text of the error list rendered beside ``field`` (empty if there is none)."""
    found = re.search(
        rf'<ul class="form-field__errors" id="id_{field}_error">(.*?)</ul>', page, re.S
    )
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))) if found else ""


def stored_images(user):
    return get_image_model().objects.filter(uploaded_by_user=user)


def stored_documents(user):
    return get_document_model().objects.filter(uploaded_by_user=user)


# ----------------------------------------------------------------------------------------------
# Refused
# ----------------------------------------------------------------------------------------------


def test_the_corpus_holds_at_least_fifteen_bad_uploads():
    assert len(corpus.BAD_UPLOADS) + 1 >= 15  # +1: too many files in one post, below


@pytest.mark.parametrize("bad", corpus.BAD_UPLOADS, ids=lambda bad: bad.case)
def test_a_bad_upload_is_refused_beside_its_field_and_nothing_typed_is_lost(
    member_client, member, bad
):
    response = post_files(member_client, [(bad.field, bad.name, bad.data())])
    page = response.content.decode()
    assert response.status_code == 400
    assert bad.message in field_errors(page, bad.field)
    for value in TYPED.values():
        assert html.escape(value, quote=False) in page, value
    assert "Det du har skrivit och laddat upp finns kvar." in page
    assert not ExamplePage.objects.filter(owner=member).exists()
    assert not stored_images(member).exists() and not stored_documents(member).exists()


def test_more_than_five_attachments_in_one_post_are_refused(member_client, member):
    files = [("attachments", f"bilaga-{n}.pdf", corpus.pdf()) for n in range(6)]
    response = post_files(member_client, files)
    assert response.status_code == 400
    assert "högst 5 bilagor" in field_errors(response.content.decode(), "attachments")
    assert not stored_documents(member).exists()


def test_hundreds_of_files_in_one_post_get_a_swedish_answer(member_client, member):
    files = [("attachments", f"bilaga-{n}.pdf", b"%PDF-1.4\n") for n in range(150)]
    response = post_files(member_client, files)
    page = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="sv"' in page
    assert "högst 5 bilagor" in page or "för många filer" in page.lower()
    assert not stored_documents(member).exists()


def test_good_files_in_a_post_with_bad_ones_are_kept_for_the_next_try(member_client, member):
    files = [
        ("attachments", "plan.pdf", corpus.pdf()),
        ("attachments", "virus.exe", corpus.windows_program()),
    ]
    response = post_files(member_client, files)
    page = response.content.decode()
    assert response.status_code == 400
    assert "”virus.exe” är inte en PDF-" in field_errors(page, "attachments")
    assert [d.title for d in stored_documents(member)] == ["plan.pdf"]
    assert "Bilaga som finns med: plan.pdf" in page


def test_an_empty_attachment_is_named_and_its_good_neighbour_kept(member_client, member):
    files = [("attachments", "tom.pdf", b""), ("attachments", "bra.pdf", corpus.pdf())]
    response = post_files(member_client, files)
    assert response.status_code == 400
    assert "”tom.pdf” är tom." in field_errors(response.content.decode(), "attachments")
    assert [d.title for d in stored_documents(member)] == ["bra.pdf"]


def test_a_pixel_bomb_is_refused_without_decoding_it():
    upload = SimpleUploadedFile("bomb.png", corpus.pixel_bomb(60_000, 60_000))
    tracemalloc.start()
    try:
        with pytest.raises(uploads.ValidationError):
            uploads.check_image(upload)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * corpus.MB  # decoding it would need 10 GB


def test_a_zip_bomb_is_refused_without_inflating_it():
    upload = SimpleUploadedFile("bomb.odt", corpus.odt_zip_bomb())
    tracemalloc.start()
    try:
        with pytest.raises(uploads.ValidationError):
            uploads.check_document(upload)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * corpus.MB  # the "mimetype" entry inflates to 200 MB


# ----------------------------------------------------------------------------------------------
# Stored, under a safe name
# ----------------------------------------------------------------------------------------------


def assert_safe_name(name: str, extension: str, limit: int):
    assert name.endswith(f".{extension}"), name
    assert len(name) <= limit, name
    for bad in corpus.FORBIDDEN_IN_NAMES:
        assert bad not in name, (bad, name)
    assert name.isascii() and not name.startswith("."), name


def assert_safe_title(title: str, extension: str):
    assert title.endswith(f".{extension}"), title
    assert len(title) <= uploads.MAX_TITLE_LENGTH, title
    for bad in ["/", "\\", "\x00", "\x1b", "\x07", "\r", "\n", "\u202e", "\u2066", "\u2069"]:
        assert bad not in title, (bad, title)


def inside_media_root(path: str) -> bool:
    return Path(path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())


@pytest.mark.parametrize("odd", corpus.ODD_NAMES, ids=lambda odd: odd.case)
def test_a_good_file_under_a_hostile_name_is_stored_under_a_safe_one(member_client, member, odd):
    response = post_files(member_client, [(odd.field, odd.name, odd.data())])
    assert response.status_code == 302, field_errors(response.content.decode(), odd.field)
    if odd.field == "cover_image":
        (stored,) = stored_images(member)
        assert ExamplePage.objects.get(owner=member).get_latest_revision_as_object().cover_image
    else:
        (stored,) = stored_documents(member)
        assert_safe_title(stored.title, odd.extension)
    assert_safe_name(Path(stored.file.name).name, odd.extension, limit=80)
    assert inside_media_root(stored.file.path)


@pytest.mark.parametrize("odd", corpus.ODD_NAMES, ids=lambda odd: odd.case)
def test_names_are_made_safe_however_the_file_arrived(odd):
    """Django's upload parser cleans names too; ours must not depend on it."""
    upload = SimpleUploadedFile("x", odd.data())
    upload._name = odd.name  # past the basename() in UploadedFile's own setter
    check = uploads.check_image if odd.field == "cover_image" else uploads.check_document
    checked = check(upload)
    assert checked.extension == odd.extension
    assert_safe_name(checked.safe_name, odd.extension, limit=70)
    assert_safe_title(checked.title, odd.extension)


def test_error_messages_name_the_file_without_its_path_or_control_characters():
    upload = SimpleUploadedFile("x", corpus.windows_program())
    upload._name = "..\\..\\rapport\u202efdp.exe\x00"
    with pytest.raises(uploads.ValidationError) as refused:
        uploads.check_document(upload)
    assert refused.value.messages[0].startswith("”rapportfdp.exe” är inte en PDF-")


def test_a_stored_document_keeps_the_members_words_as_its_title(member_client, member):
    response = post_files(
        member_client, [("attachments", "Plan för 2026 (utkast).pdf", corpus.pdf())]
    )
    assert response.status_code == 302
    (document,) = stored_documents(member)
    assert document.title == "Plan för 2026 (utkast).pdf"
    assert Path(document.file.name).name.startswith("plan-for-2026-utkast")


# ----------------------------------------------------------------------------------------------
# The Wagtail admin: editors are trusted, but a bad file still gets a message, never a 500
# ----------------------------------------------------------------------------------------------

ADMIN_IMAGES = [bad for bad in corpus.BAD_UPLOADS if bad.field == "cover_image"]
ADMIN_DOCUMENTS = [bad for bad in corpus.BAD_UPLOADS if bad.field == "attachments"]


@pytest.fixture
def editor_client(client):
    from tests.mfa_helpers import login_with_mfa

    login_with_mfa(client, get_user_model().objects.get(email="redaktor@example.se"))
    return client


def admin_post(client, path, fields, field, name, content):
    from wagtail.models import Collection

    fields = {"collection": Collection.get_first_root_node().pk, **fields}
    body, content_type = corpus.multipart(fields, [(field, name, content)])
    return client.post(path, data=body, content_type=content_type)


@pytest.mark.parametrize("bad", ADMIN_IMAGES, ids=lambda bad: bad.case)
def test_the_admin_answers_a_bad_image_with_a_message_or_a_working_image(editor_client, bad):
    before = set(get_image_model().objects.values_list("pk", flat=True))
    response = admin_post(
        editor_client,
        "/admin/images/add/",
        {"title": "Prov", "description": "Alternativtext"},
        "file",
        bad.name,
        bad.data(),
    )
    added = get_image_model().objects.exclude(pk__in=before)
    if response.status_code == 200:
        assert 'class="error-message"' in response.content.decode()
        assert not added.exists()
    else:
        # Wagtail takes some files our members' form refuses (an animated WebP): they must work.
        assert response.status_code == 302, response.status_code
        (image,) = added
        assert image.get_rendition("max-165x165").width <= 165
        assert editor_client.get("/admin/images/").status_code == 200


@pytest.mark.parametrize("bad", ADMIN_DOCUMENTS, ids=lambda bad: bad.case)
def test_the_admin_answers_a_bad_document_without_an_error_page(editor_client, bad):
    response = admin_post(
        editor_client, "/admin/documents/add/", {"title": "Prov"}, "file", bad.name, bad.data()
    )
    assert response.status_code in (200, 302), response.status_code


def test_the_admins_multiple_upload_answers_a_broken_image_in_json(editor_client):
    response = admin_post(
        editor_client,
        "/admin/images/multiple/add/",
        {},
        "files[]",
        "trasig.jpg",
        corpus.truncated_jpeg(),
    )
    assert response.status_code == 200
    assert response.json() == {
        "success": False,
        "error_message": "Bilden är skadad eller ofullständig och kan inte visas. Välj en annan fil.",
    }


def test_the_admins_image_form_still_takes_a_good_image_and_edits_without_a_new_file(
    editor_client,
):
    response = admin_post(
        editor_client,
        "/admin/images/add/",
        {"title": "Skolgård", "description": "Elever på skolgården"},
        "file",
        "skolgard.png",
        corpus.png(),
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Skolgård")
    assert editor_client.get(f"/admin/images/{image.pk}/").status_code == 200
    response = admin_post(
        editor_client,
        f"/admin/images/{image.pk}/",
        {"title": "Skolgården", "description": "Elever på skolgården"},
        "other",
        "none.txt",
        b"",
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Skolgården" and image.file.name.endswith(".png")
