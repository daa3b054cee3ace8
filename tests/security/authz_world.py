"""The people and things the authorization matrix asks about, built once per test module.

Five roles (anonymous, two members, an editor and an administrator, the last two logged in with
TOTP as the admin requires) plus two editors who did not pass the TOTP step, each with one test
client that stays logged in; member A's and member B's examples (a published one each and a
draft of A's, with a cover image and an attachment A uploaded), a document and a seminar. Everything is created inside one transaction that is
rolled back when the module is done; each test runs in a savepoint within it, so the matrix
costs one setup, not one per URL and role.
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from allauth.account.models import EmailAddress

from examples.models import ExampleAttachment, ExampleIndexPage, ExamplePage, SeminarPage
from members.models import MEMBERS_GROUP
from members.sharing.moderation import EDITORS_GROUP
from tests.factories import ExamplePageFactory
from tests.mfa_helpers import ensure_totp, login_with_mfa

ROLES = ("anonymous", "member_a", "member_b", "editor", "admin")
# Admin-capable accounts whose session has not passed the TOTP step.
NO_MFA_ROLES = ("editor_without_totp", "editor_password_only")


@dataclass
class World:
    clients: dict[str, Client] = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    session_keys: dict[str, str] = field(default_factory=dict)
    page_paths: list[str] = field(default_factory=list)

    def reset_cookies(self):
        """Each client back on its own session (a request may have dropped or replaced the
        cookie, e.g. Wagtail's logout view deletes it even when it answers 405)."""
        for role, client in self.clients.items():
            client.cookies.clear()
            if role in self.session_keys:
                client.cookies[settings.SESSION_COOKIE_NAME] = self.session_keys[role]


def _user(email, group=None, **extra):
    user = get_user_model().objects.create_user(
        username=email, email=email, password="x", first_name=email.split("@")[0].title(), **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _example(owner, title, slug, live=True):
    page = ExamplePageFactory(
        parent=ExampleIndexPage.objects.get(), title=title, slug=slug, live=live, owner=owner
    )
    page.save_revision(user=owner)
    return page


def _private_uploads(owner, draft):
    """A cover image and an attachment of ``draft``, uploaded through "Dela med dig"."""
    from members.sharing.storage import members_collection
    from tests.members.test_sharing import docx_bytes, png_bytes

    image = get_image_model().objects.create(
        title="Annas bild",
        description="Annas bild",
        file=ContentFile(png_bytes(), name="annas-bild.png"),
        collection=members_collection(),
        uploaded_by_user=owner,
    )
    document = get_document_model().objects.create(
        title="Annas plan",
        file=ContentFile(docx_bytes(), name="annas-plan.docx"),
        collection=members_collection(),
        uploaded_by_user=owner,
    )
    draft.cover_image = image
    draft.attachments = [ExampleAttachment(document=document)]
    draft.save()
    draft.save_revision(user=owner)
    return image, document


def _spread(a_live, member_b):
    """Member B's report that B's organisation introduced A's example, and a place A records."""
    from adoptions.models import Adoption, SpreadPlace
    from examples.models import County, Municipality

    adoption = Adoption.objects.create(
        example=a_live,
        reporter=member_b,
        organisation="Bos kommun",
        organisation_kind="kommun",
        municipality=Municipality.objects.get(code="1980"),
        started_on=datetime.date(2024, 1, 1),
        stage=2,
        local_changes="Tolkar.",
    )
    place = SpreadPlace.objects.create(
        example=a_live, county=County.objects.get(code="18"), count=6
    )
    return adoption, place


def _assessment_of(example):
    """An assessment of ``example`` assigned to an assessor who is none of the roles."""
    from assessments import services
    from assessments.setup import ASSESSORS_GROUP

    assessor = _user("bedomare.x@example.se", ASSESSORS_GROUP)
    assessment = services.request_assessment(example, None)
    services.assign(assessment, [assessor])
    return assessment, assessment.assignments.get()


def build_world() -> World:
    world = World()
    users = world.users
    users["member_a"] = _user("anna.a@example.se", MEMBERS_GROUP)
    users["member_b"] = _user("bo.b@example.se", MEMBERS_GROUP)
    users["editor"] = get_user_model().objects.get(email="redaktor@example.se")
    users["admin"] = _user("admin.x@example.se", is_staff=True, is_superuser=True)
    users["editor_without_totp"] = _user("utan.totp@example.se", EDITORS_GROUP)
    users["editor_password_only"] = _user("bara.losenord@example.se", EDITORS_GROUP)
    ensure_totp(users["editor_password_only"])

    world.clients["anonymous"] = Client()
    for role in ("member_a", "member_b", "editor_without_totp", "editor_password_only"):
        world.clients[role] = Client()
        world.clients[role].force_login(
            users[role], backend="django.contrib.auth.backends.ModelBackend"
        )
    for role in ("editor", "admin"):
        world.clients[role] = Client()
        login_with_mfa(world.clients[role], users[role])

    world.session_keys = {
        role: client.session.session_key
        for role, client in world.clients.items()
        if role != "anonymous"
    }
    a_live = _example(users["member_a"], "Annas publicerade exempel", "annas-exempel")
    a_draft = _example(users["member_a"], "Annas utkast", "annas-utkast", live=False)
    a_image, a_document = _private_uploads(users["member_a"], a_draft)
    b_live = _example(users["member_b"], "Bos publicerade exempel", "bos-exempel")
    b_adoption, a_place = _spread(a_live, users["member_b"])
    assessment, assignment = _assessment_of(a_live)
    document = get_document_model().objects.order_by("pk").first()
    seminar = SeminarPage.objects.live().order_by("pk").first()
    world.ids = {
        "a_example": a_live.pk,
        "a_draft": a_draft.pk,
        "b_example": b_live.pk,
        "document": document.pk,
        "seminar": seminar.pk,
        "home": Page.objects.get(depth=2).pk,
        "b_adoption": b_adoption.pk,
        "a_place": a_place.pk,
        **_visitor_follow(seminar),
        "assessment": assessment.pk,
        "assignment": assignment.pk,
    }
    world.paths = {
        "a_example": a_live.url,
        "a_draft": "/goda-exempel/annas-utkast/",
        "b_example": b_live.url,
        "document": document.url,
        "a_image": a_image.file.url,
        "a_document": a_document.url,
        "editors_image": get_image_model().objects.exclude(pk=a_image.pk).first().file.url,
    }
    assert ExamplePage.objects.filter(owner=users["member_a"]).count() == 2
    world.page_paths = live_page_paths()
    for path in world.page_paths:
        # Image renditions are made on first view; made here, they last for the whole module
        # instead of being rolled back (and drawn again) after every test.
        world.clients["anonymous"].get(path)
    return world


def _visitor_follow(seminar) -> dict[str, str]:
    """A visitor's confirmed follow: its links work by their tokens alone, for everyone."""
    from follows.models import Follow, Subscriber

    subscriber = Subscriber.objects.create(email="besokare@example.se")
    follow = Follow.objects.create(
        subscriber=subscriber,
        kind="seminar",
        target=str(seminar.pk),
        url=seminar.url,
        name=seminar.title,
        confirmed_at=subscriber.created_at,
    )
    return {"visitor_token": subscriber.token, "follow_token": follow.token}


def live_page_paths() -> list[str]:
    """Every published page of the tree, with every route it lists in the sitemap."""
    paths = set()
    for page in Page.objects.live().public().specific():
        for entry in page.get_sitemap_urls():
            if entry.get("location"):  # the tree's root has no URL
                paths.add(urlsplit(entry["location"]).path)
    return sorted(paths)


@contextmanager
def world_in_a_transaction(django_db_blocker):
    """The world, committed to nobody: one outer transaction, rolled back at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
