"""GDPR: a member's adoptions are in their data download; deleting the account deletes the
unpublished ones and strips the published ones of every trace of the person."""

from django.utils import timezone

import pytest

from adoptions.models import Adoption
from members.privacy.services import delete_account, export_data
from tests.adoptions.conftest import make_adoption

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_members_adoptions_and_consent(adopter, example):
    consent = timezone.now()
    make_adoption(
        example,
        adopter,
        contact_name="Karin Andersson",
        contact_email="karin@example.se",
        contact_consent_at=consent,
    )
    data = export_data(adopter)
    (adoption,) = data["inforanden"]
    assert adoption["organisation"] == "Västerås stad" and adoption["kommun"] == "Västerås"
    assert adoption["kontaktperson"] == {"namn": "Karin Andersson", "e_post": "karin@example.se"}
    assert adoption["samtycke_till_kontakt"] == {"samtycke": True, "datum": consent.isoformat()}
    assert adoption["steghistorik"][0]["steg"] == 2


def test_deleting_the_account_keeps_published_reports_anonymised(client, adopter, example):
    published = make_adoption(
        example,
        adopter,
        contact_name="Karin Andersson",
        contact_email="karin@example.se",
        contact_consent_at=timezone.now(),
    )
    waiting = make_adoption(example, adopter, status=Adoption.Status.SUBMITTED)
    delete_account(adopter)
    published.refresh_from_db()
    assert published.reporter is None
    assert (published.contact_name, published.contact_email, published.contact_consent_at) == (
        "",
        "",
        None,
    )
    assert not Adoption.objects.filter(pk=waiting.pk).exists()
    html = client.get(example.url).content.decode()
    assert "Västerås stad" in html and "karin@example.se" not in html
