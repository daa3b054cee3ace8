"""Members' uploads stay private until the example they belong to is live and public.

A member's cover image (its original and every rendition under ``/media/``) and attachments
(``/dokument/<id>/<name>``, sequential ids and the member's own file names) answer 404 to
everyone but the member and the editors while the example is a draft, in review, rejected,
withdrawn or view-restricted, and so does a file a draft edit adds to a published example.
Published, they are served to everyone, also with production's DEBUG off, where nothing
else serves ``MEDIA_ROOT``.
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.models import PageViewRestriction

import pytest

from examples.models import ExamplePage
from tests.members.test_sharing import docx_bytes, form_data, png_bytes
from tests.mfa_helpers import login_with_mfa

pytestmark = pytest.mark.django_db

RENDITION = "fill-400x225|format-webp"


@pytest.fixture
def member(db):
    user = get_user_model().objects.create_user(
        username="anna@example.se", email="anna@example.se", password="x"
    )
    user.groups.add(Group.objects.get(name="Medlemmar"))
    return user


@pytest.fixture
def editor(db):
    return get_user_model().objects.get(email="redaktor@example.se")


@pytest.fixture
def clients(member, editor):
    """Who asks: nobody signed in, the owner, another member, an editor (with TOTP)."""
    other = get_user_model().objects.create_user(
        username="bo@example.se", email="bo@example.se", password="x"
    )
    by_role = {role: Client() for role in ("anonymous", "owner", "other_member", "editor")}
    by_role["owner"].force_login(member)
    by_role["other_member"].force_login(other)
    login_with_mfa(by_role["editor"], editor)
    return by_role


def uploads(title="Hälsosamtal i skolan", image="skola.png", document="plan.docx"):
    return {
        **form_data(title=title, cover_image_alt="Grön yta"),
        "cover_image": SimpleUploadedFile(image, png_bytes(), content_type="image/png"),
        "attachments": [SimpleUploadedFile(document, docx_bytes())],
    }


def share(client, submit=True) -> ExamplePage:
    response = client.post("/dela/", {**uploads(), "submit" if submit else "draft": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ExamplePage.objects.get(title="Hälsosamtal i skolan")


def decide(page, editor, approve=True):
    task_state = ExamplePage.objects.get(pk=page.pk).current_workflow_state.current_task_state
    if approve:
        task_state.approve(user=editor)
    else:
        task_state.reject(user=editor, comment="Beskriv resultaten.")
    return ExamplePage.objects.get(pk=page.pk)


def file_urls(page, image_name="skola", document_name="plan.docx"):
    """The cover image's original and a rendition, and the attachment, of the latest version."""
    latest = page.get_latest_revision_as_object()
    image = latest.cover_image
    assert image.file.name.startswith(f"original_images/{image_name}")
    document = next(
        a.document for a in latest.attachments.all() if a.document.title == document_name
    )
    return [image.file.url, image.get_rendition(RENDITION).url, document.url]


def example_in(state, clients, editor) -> ExamplePage:
    owner = clients["owner"]
    if state == "utkast":
        return share(owner, submit=False)
    page = share(owner)
    if state == "granskas":
        return page
    if state == "avslagen":
        return decide(page, editor, approve=False)
    page = decide(page, editor)
    if state == "återkallad":
        assert owner.post(f"/mina-exempel/{page.pk}/aterkalla/").status_code == 302
    elif state == "begränsad":
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.get(name="Redaktörer")])
    return ExamplePage.objects.get(pk=page.pk)


def answers(clients, url):
    return {role: client.get(url).status_code for role, client in clients.items()}


PRIVATE = {"anonymous": 404, "owner": 200, "other_member": 404, "editor": 200}
PUBLIC = dict.fromkeys(PRIVATE, 200)


@pytest.mark.parametrize("state", ["utkast", "granskas", "avslagen", "återkallad", "begränsad"])
def test_unpublished_uploads_are_private(clients, editor, state):
    page = example_in(state, clients, editor)
    for url in file_urls(page):
        assert answers(clients, url) == PRIVATE, (state, url)


def test_published_uploads_are_served_to_everyone(clients, editor):
    page = decide(share(clients["owner"]), editor)
    for url in file_urls(page):
        assert answers(clients, url) == PUBLIC, url

    # What the live page links to: its cover image in every size, and the attachment.
    html = clients["anonymous"].get(page.url).content.decode()
    sources = set(re.findall(r"(/media/images/[^\s\"',]+)", html))
    assert sources
    for url in sources:
        response = clients["anonymous"].get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] in ("image/webp", "image/jpeg")
        assert "public" in response["Cache-Control"]
    assert file_urls(page)[2] in html


def test_a_draft_edit_adds_private_files_to_a_published_example(clients, editor):
    owner = clients["owner"]
    page = decide(share(owner), editor)
    published = file_urls(page)

    response = owner.post(
        f"/mina-exempel/{page.pk}/andra/",
        {**uploads(image="ny-bild.png", document="ny-plan.docx"), "draft": "1"},
    )
    assert response.status_code == 302
    page = ExamplePage.objects.get(pk=page.pk)
    for url in file_urls(page, image_name="ny-bild", document_name="ny-plan.docx"):
        assert answers(clients, url) == PRIVATE, url
    for url in published:
        assert answers(clients, url) == PUBLIC, url


def test_private_files_are_never_stored_by_a_cache(clients, editor):
    page = share(clients["owner"])
    for url in file_urls(page)[:2]:
        response = clients["owner"].get(url)
        assert response.status_code == 200, url
        control = response["Cache-Control"]
        assert "no-store" in control and "public" not in control, url


def test_editors_uploads_are_public(client, demo):
    page = ExamplePage.objects.live().exclude(cover_image=None).order_by("pk").first()
    html = client.get(page.url).content.decode()
    (url, *_) = re.findall(r"(/media/images/[^\s\"',]+)", html)
    assert client.get(url).status_code == 200
    assert client.get(page.cover_image.file.url).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/media/",
        "/media/finns-inte.png",
        "/media/images/finns-inte.fill-400x225.webp",
        "/media/original_images/../../website/settings/base.py",
        "/media/%2e%2e/website/settings/base.py",
        "/media/documents/plan.docx",
    ],
)
def test_nothing_else_under_media_is_served(client, demo, path):
    assert client.get(path).status_code == 404


def test_a_documents_file_is_served_only_at_dokument(clients, editor):
    page = decide(share(clients["owner"]), editor)
    document = page.attachments.get().document
    assert clients["anonymous"].get(f"/media/{document.file.name}").status_code == 404
    assert clients["anonymous"].get(document.url).status_code == 200
