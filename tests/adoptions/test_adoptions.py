"""Adoptions: a member of another organisation reports, editors decide, the page shows it."""

import datetime

from django.core import mail
from django.urls import reverse

import pytest

from adoptions import services
from adoptions.models import Adoption, SpreadPlace
from examples import spread
from examples.models import County, ExamplePage, Municipality
from tests.adoptions.conftest import make_adoption, report_data
from tests.mfa_helpers import login_with_mfa

pytestmark = pytest.mark.django_db


def report_url(example):
    return reverse("adoption_report", args=[example.pk])


def test_a_member_of_another_organisation_reports_an_adoption(client, adopter, example):
    client.force_login(adopter)
    form = client.get(report_url(example))
    assert form.status_code == 200
    html = form.content.decode()
    assert "Vi har också infört detta" in html and 'value="Region Västmanland"' in html

    response = client.post(report_url(example), report_data())
    assert response.status_code == 302 and response["Location"] == reverse("my_adoptions")
    adoption = Adoption.objects.get(example=example)
    assert adoption.status == Adoption.Status.SUBMITTED
    assert adoption.county.code == "19"  # Västerås is in Västmanlands län
    assert (adoption.started_on, adoption.started_precision) == (datetime.date(2024, 3, 1), "month")
    assert adoption.contact_consent_at is not None
    assert [(c.stage, c.date) for c in adoption.timeline()] == [(2, datetime.date(2024, 3, 1))]
    listing = client.get(reverse("my_adoptions")).content.decode()
    assert "Inskickad" in listing and "Samverkan med civilsamhället" in listing
    # Not shown before review.
    assert "Västerås stad" not in client.get(example.url).content.decode()


def test_a_region_reports_its_county_and_only_the_year_may_be_known(client, adopter, example):
    client.force_login(adopter)
    orebro = County.objects.get(code="18")
    data = report_data(
        organisation="Region Örebro", municipality="", county=orebro.pk, month="", year="2023"
    )
    assert client.post(report_url(example), data).status_code == 302
    adoption = Adoption.objects.get()
    assert adoption.municipality is None and adoption.county == orebro
    assert adoption.started_precision == "year"


def test_a_validation_error_keeps_everything_typed(client, adopter, example):
    client.force_login(adopter)
    data = report_data(municipality="", county="", local_changes="Tolkar vid träffarna.")
    response = client.post(report_url(example), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Formuläret behöver rättas" in html
    assert "Välj en kommun, eller ett län om ni är en region." in html
    assert "Tolkar vid träffarna." in html and 'value="Karin Andersson"' in html
    assert not Adoption.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"year": ""}, "Välj året då ni började."),
        ({"stage": ""}, "Välj det steg ert arbete har nått."),
        ({"local_changes": ""}, "Beskriv vad ni ändrade"),
        ({"contact_email": "inte-en-adress"}, "Skriv en e-postadress som namn@exempel.se."),
        ({"contact_name": "", "contact_email": ""}, "Skriv en kontaktperson eller en e-postadress"),
        ({"county": "999999"}, "Välj ett giltigt alternativ"),
        ({"month": "12", "year": str(datetime.date.today().year + 1)}, "Välj ett giltigt"),
    ],
)
def test_bad_input_gets_a_swedish_message(client, adopter, example, overrides, message):
    client.force_login(adopter)
    response = client.post(report_url(example), report_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_municipality_in_another_county_is_refused(client, adopter, example):
    client.force_login(adopter)
    response = client.post(
        report_url(example), report_data(county=County.objects.get(code="01").pk)
    )
    assert response.status_code == 400
    assert "Västerås ligger i Västmanlands län" in response.content.decode()


def test_the_owner_cannot_report_their_own_example(client, owner, example):
    client.force_login(owner)
    response = client.get(report_url(example))
    assert response.status_code == 403
    assert "är ert eget exempel" in response.content.decode()
    assert client.post(report_url(example), report_data()).status_code == 403
    assert not Adoption.objects.exists()


def test_an_organisation_behind_the_example_cannot_report_it(client, adopter, example):
    from examples.models.pages import ExampleOrganisation

    ExampleOrganisation.objects.create(
        page=example, name="Region Örebro län", kind="region", role="owner"
    )
    client.force_login(adopter)
    response = client.post(report_url(example), report_data(organisation="region örebro län"))
    assert response.status_code == 400
    assert "står redan bakom exemplet" in response.content.decode()


def test_only_published_public_examples_can_be_reported(client, adopter, owner):
    from examples.models import ExampleIndexPage
    from tests.factories import ExamplePageFactory

    draft = ExamplePageFactory(parent=ExampleIndexPage.objects.get(), live=False, owner=owner)
    client.force_login(adopter)
    assert client.get(report_url(draft)).status_code == 404
    assert client.get(reverse("adoption_report", args=[99999999])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, example):
    response = client.get(report_url(example))
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


def member_mails(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_publishing_mails_the_reporter_and_the_owner_after_commit(
    client, adopter, owner, editor, example, django_capture_on_commit_callbacks
):
    client.force_login(adopter)
    client.post(report_url(example), report_data())
    adoption = Adoption.objects.get()
    login_with_mfa(client, editor)
    review = reverse("adoptions_review", args=[adoption.pk])
    assert "Västerås stad" in client.get(reverse("adoptions_review_index")).content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(review, {"decision": "godkann", "message": "Välkomna!"})
    assert response.status_code == 302
    assert mail.outbox == []  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    adoption.refresh_from_db()
    assert adoption.status == Adoption.Status.PUBLISHED and adoption.reviewed_by == editor
    (to_reporter,) = member_mails(adopter.email)
    assert "är publicerat" in to_reporter.subject and "Välkomna!" in to_reporter.body
    (to_owner,) = member_mails(owner.email)
    assert "Västerås stad har också infört" in to_owner.subject
    page = client.get(ExamplePage.objects.get(pk=example.pk).url).content.decode()
    assert "Här har andra infört arbetet" in page and "Västerås stad" in page
    assert "Tolkar" not in page and "Vi lade till tolkar vid varje träff." in page
    assert 'href="mailto:karin@example.se"' in page


def test_a_rejection_needs_a_reason_and_mails_it(
    client, adopter, editor, example, django_capture_on_commit_callbacks
):
    adoption = make_adoption(example, adopter, status=Adoption.Status.SUBMITTED)
    login_with_mfa(client, editor)
    review = reverse("adoptions_review", args=[adoption.pk])
    response = client.post(review, {"decision": "avsla", "message": ""})
    assert (
        response.status_code == 200
        and "Skriv varför rapporten avslås." in response.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review, {"decision": "avsla", "message": "Det gäller ett annat arbete."})
    adoption.refresh_from_db()
    assert adoption.status == Adoption.Status.REJECTED
    (message,) = member_mails(adopter.email)
    assert "publicerades inte" in message.subject and "ett annat arbete" in message.body


def test_a_second_decision_changes_nothing(adopter, editor, example):
    adoption = make_adoption(example, adopter, status=Adoption.Status.SUBMITTED)
    services.decide(adoption.pk, editor, approve=True)
    with pytest.raises(services.DecisionConflict):
        services.decide(adoption.pk, editor, approve=False, message="Nej")
    adoption.refresh_from_db()
    assert adoption.status == Adoption.Status.PUBLISHED


def test_a_mail_outage_does_not_undo_the_decision(
    adopter, editor, example, django_capture_on_commit_callbacks, monkeypatch
):
    adoption = make_adoption(example, adopter, status=Adoption.Status.SUBMITTED)

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP nere")

    monkeypatch.setattr("adoptions.services.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(adoption.pk, editor, approve=True)
    adoption.refresh_from_db()
    assert adoption.status == Adoption.Status.PUBLISHED


def test_members_cannot_review(client, adopter, example):
    adoption = make_adoption(example, adopter, status=Adoption.Status.SUBMITTED)
    client.force_login(adopter)
    response = client.post(reverse("adoptions_review", args=[adoption.pk]), {"decision": "godkann"})
    assert response.status_code == 302 and "/admin/" not in response["Location"][:7]
    adoption.refresh_from_db()
    assert adoption.status == Adoption.Status.SUBMITTED


def test_contact_details_only_with_consent(client, adopter, example):
    make_adoption(
        example, adopter, contact_name="Karin Andersson", contact_email="karin@example.se"
    )
    html = client.get(example.url).content.decode()
    assert "Västerås stad" in html and "karin@example.se" not in html


def test_the_empty_state_and_the_report_link(client, example):
    html = client.get(example.url).content.decode()
    assert "Ingen annan organisation har rapporterat att de har infört arbetet ännu." in html
    assert f'href="{report_url(example)}"' in html


def test_the_adopter_updates_the_stage_with_a_date(client, adopter, example):
    adoption = make_adoption(example, adopter)
    client.force_login(adopter)
    url = reverse("adoption_new_stage", args=[adoption.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"stage": "3", "month": "5", "year": "2025", "note": "Hela kommunen"}
    )
    assert response.status_code == 302
    adoption.refresh_from_db()
    assert adoption.stage == 3
    assert [(c.stage, c.date) for c in adoption.timeline()] == [
        (2, datetime.date(2024, 3, 1)),
        (3, datetime.date(2025, 5, 1)),
    ]
    # The same stage again, or a month before the last one, is refused in Swedish.
    again = client.post(url, {"stage": "3", "month": "6", "year": "2025"})
    assert again.status_code == 400 and "Arbetet står redan på det steget" in again.content.decode()


def test_withdrawing_takes_the_report_off_the_page(client, adopter, example):
    adoption = make_adoption(example, adopter)
    client.force_login(adopter)
    url = reverse("withdraw_adoption", args=[adoption.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    adoption.refresh_from_db()
    assert adoption.status == Adoption.Status.WITHDRAWN
    assert "Västerås stad" not in client.get(example.url).content.decode()
    # A withdrawn report cannot be withdrawn or moved again.
    assert client.get(url).status_code == 404


def test_another_members_adoption_is_404(client, owner, adopter, example):
    adoption = make_adoption(example, adopter)
    client.force_login(owner)
    assert client.get(reverse("adoption_new_stage", args=[adoption.pk])).status_code == 404
    assert client.post(reverse("withdraw_adoption", args=[adoption.pk])).status_code == 404


# Spread places ---------------------------------------------------------------------------


def test_the_owner_records_and_removes_spread_places(client, owner, example):
    client.force_login(owner)
    url = reverse("spread_places", args=[example.pk])
    assert "Inga platser är tillagda ännu." in client.get(url).content.decode()
    orebro = County.objects.get(code="18")
    response = client.post(url, {"county": orebro.pk, "count": "6", "year": "2023", "month": ""})
    assert response.status_code == 302
    place = SpreadPlace.objects.get(example=example)
    assert place.label == "sex kommuner i Örebro län" and place.precision == "year"
    assert "sex kommuner i Örebro län" in client.get(url).content.decode()
    remove = reverse("remove_spread_place", args=[example.pk, place.pk])
    assert client.get(remove).status_code == 200
    assert client.post(remove).status_code == 302
    assert not SpreadPlace.objects.filter(example=example).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": "2023"}, "Välj en kommun eller ett län, eller skriv ett namn."),
        ({"count": "6", "year": "2023"}, "Välj länet där kommunerna ligger."),
        ({"name": "Gottsunda"}, "Välj året då arbetet började där."),
        ({"name": "X", "count": "0", "county": "1", "year": "2023"}, "Antalet måste vara minst 1."),
    ],
)
def test_spread_place_errors_are_swedish(client, owner, example, data, message):
    client.force_login(owner)
    response = client.post(reverse("spread_places", args=[example.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if data.get("name"):
        assert f'value="{data["name"]}"' in html


def test_only_the_owner_records_spread_places(client, adopter, example):
    client.force_login(adopter)
    assert client.get(reverse("spread_places", args=[example.pk])).status_code == 404


# The spread provider -----------------------------------------------------------------------


def test_places_come_through_examples_spread(owner, example):
    other = make_adoption(
        example, None, status=Adoption.Status.SUBMITTED, organisation="Ej granskad"
    )
    make_adoption(example, None)
    uppsala = Municipality.objects.get(code="0380")
    SpreadPlace.objects.create(example=example, municipality=uppsala, name="Gottsunda")
    places = spread.provided_places([example.pk])[example.pk]
    kinds = sorted((p.kind, p.name) for p in places)
    assert kinds == [("adoption", "Västerås stad"), ("internal", "Gottsunda (Uppsala)")]
    adoption = next(p for p in places if p.kind == "adoption")
    assert adoption.county_id == County.objects.get(code="19").pk
    assert adoption.history == ((datetime.date(2024, 3, 1), "month", 2),)
    internal = next(p for p in places if p.kind == "internal")
    assert internal.county_id == uppsala.county_id
    assert other.organisation not in [p.name for p in places]


def test_the_provider_answers_in_constant_queries(owner, example, django_assert_num_queries):
    for _ in range(5):
        make_adoption(example, None)
        SpreadPlace.objects.create(example=example, county=County.objects.get(code="18"), count=2)
    with django_assert_num_queries(3):
        assert len(spread.provided_places([example.pk])[example.pk]) == 10


def test_the_adoptions_and_where_it_runs_are_kept_until_an_adoption_changes(client, example):
    """With 50 adoptions the two sections were most of the page's time (make bench): their HTML
    is kept until the next change, so a second view skips their queries and shows the same;
    a new published adoption (through the service, as the review does) shows at once."""
    for number in range(50):
        make_adoption(example, None, organisation=f"Organisation {number}")
    first, html = count_queries(client, example.url)
    again, same = count_queries(client, example.url)
    assert again == first and same == html and "Organisation 49" in html
    services.places_changed(example.pk)  # what every change of an adoption does
    fresh, _html = count_queries(client, example.url, warm=False)
    assert fresh >= again + 3  # adoptions, their stage histories, spread places

    late = make_adoption(
        example, None, organisation="Sent införande", status=Adoption.Status.SUBMITTED
    )
    services.decide(late.pk, None, approve=True)
    assert "Sent införande" in client.get(example.url).content.decode()


def count_queries(client, path, warm=True):
    """The uncached page's queries, once what every request shares is warm (as test_queries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if warm:
        client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_the_example_page_does_the_same_queries_with_1_and_50_adoptions(
    client, example, monkeypatch
):
    """PAGE_CACHE_SECONDS is 0 in the test settings, and the kept fragments are switched off
    here: these are uncached counts. With none, the map's provider skips the query of the
    adopters' stage histories; from one on it is one."""
    from examples import extensions

    monkeypatch.setattr(extensions, "fragment_key", lambda *args: None)
    empty, _html = count_queries(client, example.url)
    make_adoption(example, None, organisation="Organisation 0")
    one, _html = count_queries(client, example.url)
    for number in range(1, 50):
        make_adoption(example, None, organisation=f"Organisation {number}")
    full, html = count_queries(client, example.url)
    assert "Organisation 49" in html
    assert full == one <= empty + 1
    assert full <= 15


# Wording, demo and admin ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"count": 6, "county": "18"}, "sex kommuner i Örebro län"),
        ({"count": 1, "county": "18"}, "en kommun i Örebro län"),
        ({"count": 14, "county": "18"}, "14 kommuner i Örebro län"),
        ({"name": "Gottsunda", "municipality": "0380"}, "Gottsunda (Uppsala)"),
        ({"municipality": "0360"}, "Tierp"),
        ({"county": "03"}, "Uppsala län"),
        ({"name": "Öland", "county": "08"}, "Öland"),
    ],
)
def test_a_spread_place_reads_as_the_seeds_word_it(example, fields, label):
    place = SpreadPlace(
        example=example,
        count=fields.get("count"),
        name=fields.get("name", ""),
        municipality=Municipality.objects.filter(code=fields.get("municipality")).first(),
        county=County.objects.filter(code=fields.get("county")).first(),
    )
    place.save()
    assert SpreadPlace.objects.select_related("municipality", "county").get(pk=place.pk).label == (
        label
    )


def test_the_demo_records_the_seeds_spread_and_nothing_more():
    from io import StringIO

    from django.core.management import call_command

    def recorded():
        return {
            slug: [
                p.label
                for p in SpreadPlace.objects.filter(example__slug=slug)
                .select_related("municipality", "county")
                .order_by("pk")
            ]
            for slug in SpreadPlace.objects.values_list("example__slug", flat=True).distinct()
        }

    # Karlskoga, Kalmar and Öland, Uppsala (Gottsunda) and Tierp are the examples' own
    # municipalities already: only what they don't say is a spread place.
    expected = {
        "cross-orebro-lan": ["fem kommuner i Örebro län"],
        "aldremottagningar-uppsala-lan": ["Ett antal vårdcentraler", "Uppsala län"],
    }
    assert recorded() == expected
    assert not SpreadPlace.objects.exclude(date=None).exists()  # the seeds give no dates
    assert not Adoption.objects.exists()  # no other organisation's report is invented
    call_command("load_demo_content", "--users", stdout=StringIO())
    assert recorded() == expected  # idempotent


def test_editors_find_the_review_in_the_admin_menu(client, editor, example):
    make_adoption(example, None, status=Adoption.Status.SUBMITTED)
    login_with_mfa(client, editor)
    html = client.get("/admin/").content.decode()
    # The sidebar is serialised as JSON, where "ö" is escaped.
    assert "Inf\\u00f6randen (1)" in html and reverse("adoptions_review_index") in html
    review = client.get(reverse("adoptions_review_index")).content.decode()
    assert "Väntar på granskning" in review and "Västerås stad" in review


def test_the_demo_cross_runs_in_six_municipalities_as_the_seed_says(client, demo):
    """ "Från pilot i Karlskoga till att det nu är sex kommuner som ingår": six in all."""
    page = client.get("/goda-exempel/cross-orebro-lan/").content.decode()
    assert "6 av 12 kommuner i Örebro län" in page
