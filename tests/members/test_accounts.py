"""Accounts: allauth's flows through the test client, the profile and its consent, rate limits.

Mails go out only after the database commit (members/accounts/adapter.py), so every request
that sends one runs inside ``django_capture_on_commit_callbacks(execute=True)``.
"""

import re
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from members.models import MEMBERS_GROUP, MemberProfile
from tests.factories import ExamplePageFactory
from tests.mfa_helpers import DEMO_EDITOR_TOTP_SECRET, login_with_mfa, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "rätt-häst-batteri-42"
SUBJECT_PREFIX = "Goda exempel för hälsa: "
# allauth's English wording that must never reach a visitor.
ENGLISH = ("Sign In", "Sign Up", "Password", "Email", "Forgot", "Remember Me", "Confirm")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts attempts in the cache; every test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_member(db):
    """A member as signup leaves one: verified address, profile, group "Medlemmar"."""

    def make(email, password=PASSWORD, **profile):
        user = get_user_model().objects.create_user(username=email, email=email, password=password)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        user.groups.add(Group.objects.get_or_create(name=MEMBERS_GROUP)[0])
        MemberProfile.objects.create(user=user, **profile)
        return user

    return make


@pytest.fixture
def member_a(make_member):
    return make_member("anna@example.se", organisation="Umeå kommun", title="Folkhälsostrateg")


@pytest.fixture
def member_b(make_member):
    return make_member("bertil@example.se", organisation="Region Gävleborg", title="Utredare")


@pytest.fixture
def editor(db):
    """The demo editor (group "Redaktörer", Wagtail admin access)."""
    return get_user_model().objects.get(email="redaktor@example.se")


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Run a block with the on-commit callbacks executed, as after a real commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


class PageFacts(HTMLParser):
    """The bits of a page the accessibility checks below look at."""

    def __init__(self):
        super().__init__()
        self.h1s = 0
        self.inputs = {}  # id -> attributes
        self.ids = set()
        self.labels_for = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "h1":
            self.h1s += 1
        if tag == "label" and attrs.get("for"):
            self.labels_for.add(attrs["for"])
        if tag in {"input", "select", "textarea"} and attrs.get("type") != "hidden":
            self.inputs[attrs.get("id")] = attrs


def facts(response):
    parser = PageFacts()
    parser.feed(response.content.decode())
    return parser


def text(response):
    return response.content.decode()


def mail_link(message, path_start):
    match = re.search(rf"https?://testserver({re.escape(path_start)}\S+)", message.body)
    assert match, message.body
    return match.group(1)


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


# --------------------------------------------------------------------------------------------
# Every page: site layout, Swedish, one h1, labelled fields, works without JavaScript
# --------------------------------------------------------------------------------------------

ENTRANCE_PAGES = [
    "account_login",
    "account_request_login_code",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
    "account_reset_password_from_key_done",
]
MANAGE_PAGES = [
    "account_profile",
    "account_email",
    "account_change_password",
    "account_logout",
]


def assert_site_page_in_swedish(response):
    assert response.status_code == 200
    html = text(response)
    assert '<html lang="sv">' in html
    assert 'class="site-header"' in html  # the site's own layout, not allauth's bare one
    page = facts(response)
    assert page.h1s == 1
    for input_id, attrs in page.inputs.items():
        assert input_id in page.labels_for, f"field without a label: {attrs}"
    visible = re.sub(r"<[^>]+>", " ", html)
    for word in ENGLISH:
        assert not re.search(rf"\b{word}\b", visible), f"English on the page: {word}"
    assert "<script" not in html.split("</main>")[0].split("<main")[1]


@pytest.mark.parametrize("url_name", ENTRANCE_PAGES)
def test_entrance_pages_use_the_site_layout_in_swedish(client, url_name):
    assert_site_page_in_swedish(client.get(reverse(url_name)))


@pytest.mark.parametrize("url_name", MANAGE_PAGES)
def test_member_pages_use_the_site_layout_in_swedish(client, member_a, url_name):
    client.force_login(member_a)
    response = client.get(reverse(url_name))
    assert_site_page_in_swedish(response)
    assert "Mitt konto" in text(response) or url_name == "account_logout"


def test_the_reauthentication_page_is_in_swedish(client, member_a):
    client.force_login(member_a)
    assert_site_page_in_swedish(client.get(reverse("account_reauthenticate")))


def test_the_header_offers_profile_and_logout_to_members(client, member_a):
    assert "Bli medlem" in text(client.get("/"))
    client.force_login(member_a)
    html = text(client.get("/"))
    assert f'href="{reverse("account_profile")}"' in html
    assert f'action="{reverse("account_logout")}"' in html
    assert "Bli medlem" not in html


# --------------------------------------------------------------------------------------------
# Sign up, verify, log in
# --------------------------------------------------------------------------------------------


def test_signup_verification_link_then_login(client, mails):
    with mails():
        response = client.post(
            reverse("account_signup"),
            {"email": "ny@kommun.se", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = get_user_model().objects.get(email="ny@kommun.se")
    assert user.groups.filter(name=MEMBERS_GROUP).exists()
    assert MemberProfile.objects.filter(user=user, contact_consent_at=None).exists()
    assert not user.is_staff and not user.is_superuser

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ny@kommun.se"]
    assert message.subject == SUBJECT_PREFIX + "Bekräfta din e-postadress"
    assert "Tack för att du vill bli medlem" in message.body
    assert "Hälsningar" in message.body
    # The account exists from now on (above): the mail must not say that none was created.
    assert "skapas inget konto" not in message.body
    assert "förrän adressen är bekräftad" in message.body

    # Not verified yet: the password alone does not let the member in.
    with mails():
        response = log_in(client, "ny@kommun.se")
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    client.logout()
    link = mail_link(message, "/konto/confirm-email/")
    page = client.get(link)
    assert "Bekräfta att" in text(page)
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="ny@kommun.se").verified

    login_page = client.get(response.url)
    assert "Tack! Adressen ny@kommun.se är bekräftad." in text(login_page)
    response = log_in(client, "ny@kommun.se")
    assert response.status_code == 302 and response.url == "/"
    assert int(client.session["_auth_user_id"]) == user.pk


def test_a_bad_signup_keeps_what_was_typed_and_explains_in_swedish(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "inte-en-adress", "password1": "kort", "password2": "annat"},
    )
    assert response.status_code == 200
    html = text(response)
    assert "Skriv e-postadressen i formen namn@exempel.se." in html
    assert 'value="inte-en-adress"' in html  # what was typed is kept...
    assert 'value="kort"' not in html  # ...except the passwords
    page = facts(response)
    email = page.inputs["id_email"]
    assert email["aria-invalid"] == "true"
    assert "id_email_error" in email["aria-describedby"].split()
    assert "id_email_error" in page.ids
    assert "Något behöver rättas" in html
    assert "<title>Fel:" in html


def test_two_different_passwords_are_explained_beside_the_second(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "ny@kommun.se", "password1": PASSWORD, "password2": PASSWORD + "x"},
    )
    html = text(response)
    assert "Lösenorden är olika. Skriv samma lösenord i båda fälten." in html
    assert "id_password2_error" in facts(response).inputs["id_password2"]["aria-describedby"]
    assert 'value="ny@kommun.se"' in html


def test_an_empty_signup_names_each_missing_field(client):
    html = text(client.post(reverse("account_signup"), {}))
    assert "Fyll i din e-postadress." in html
    assert "Välj ett lösenord." in html


def test_a_wrong_password_says_so_in_swedish_and_keeps_the_address(client, member_a):
    response = log_in(client, "anna@example.se", "fel-lösenord")
    assert response.status_code == 200
    html = text(response)
    assert "E-postadressen eller lösenordet stämmer inte." in html
    assert 'value="anna@example.se"' in html
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_works_without_javascript(client, member_a):
    client.force_login(member_a)
    page = client.get(reverse("account_logout"))
    assert page.status_code == 200
    assert "_auth_user_id" in client.session  # a GET never logs out
    assert f'<form method="post" action="{reverse("account_logout")}"' in text(page)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


# --------------------------------------------------------------------------------------------
# Login by code
# --------------------------------------------------------------------------------------------


def request_code(client, mails, email):
    with mails():
        return client.post(reverse("account_request_login_code"), {"email": email})


def test_login_by_code(client, mails, member_a):
    response = request_code(client, mails, "anna@example.se")
    assert response.url == reverse("account_confirm_login_code")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == SUBJECT_PREFIX + "Din inloggningskod"
    code = re.search(r"^\s*([A-Z0-9-]{4,})\s*$", message.body, re.MULTILINE).group(1)

    page = client.get(response.url)
    assert_site_page_in_swedish(page)
    assert "Skicka en ny kod" in text(page)

    response = client.post(response.url, {"code": code, "action": "verify"})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == member_a.pk


def test_a_wrong_code_is_explained_beside_the_field(client, mails, member_a):
    request_code(client, mails, "anna@example.se")
    response = client.post(reverse("account_confirm_login_code"), {"code": "FEL123"})
    assert response.status_code == 200
    page = facts(response)
    assert "Koden stämmer inte." in text(response)
    assert "id_code_error" in page.inputs["id_code"]["aria-describedby"]
    assert "_auth_user_id" not in client.session


def test_a_code_for_an_unknown_address_looks_the_same(client, mails, member_a):
    known = request_code(client, mails, "anna@example.se")
    known_page = text(client.get(known.url)).replace("anna@example.se", "ADDRESS")
    client.post(reverse("account_logout"))
    unknown = request_code(client, mails, "ingen@example.se")
    assert unknown.url == known.url
    unknown_page = text(client.get(unknown.url)).replace("ingen@example.se", "ADDRESS")
    assert strip_tokens(unknown_page) == strip_tokens(known_page)
    assert mail.outbox[1].to == ["ingen@example.se"]
    assert mail.outbox[1].subject == SUBJECT_PREFIX + "Inget konto med den här adressen"


# --------------------------------------------------------------------------------------------
# Enumeration: signup and reset answer alike for known and unknown addresses
# --------------------------------------------------------------------------------------------


def strip_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, mails, member_a):
    url = reverse("account_reset_password")
    with mails():
        known = client.post(url, {"email": "anna@example.se"})
        unknown = client.post(url, {"email": "ingen@example.se"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("account_reset_password_done")
    assert strip_tokens(text(client.get(known.url))) == strip_tokens(text(client.get(unknown.url)))

    to_known, to_unknown = mail.outbox
    assert to_known.to == ["anna@example.se"]
    assert to_known.subject == SUBJECT_PREFIX + "Välj ett nytt lösenord"
    assert "/konto/password/reset/key/" in to_known.body
    assert to_unknown.to == ["ingen@example.se"]
    assert to_unknown.subject == SUBJECT_PREFIX + "Inget konto med den här adressen"
    assert "/konto/password/reset/key/" not in to_unknown.body


def test_signup_answers_the_same_for_a_known_address(client, mails, member_a):
    url = reverse("account_signup")
    with mails():
        known = client.post(
            url, {"email": "anna@example.se", "password1": PASSWORD, "password2": PASSWORD}
        )
    client.logout()
    with mails():
        new = client.post(
            url, {"email": "helt-ny@example.se", "password1": PASSWORD, "password2": PASSWORD}
        )
    assert known.status_code == new.status_code == 302
    assert known.url == new.url == reverse("account_email_verification_sent")
    assert get_user_model().objects.filter(email="anna@example.se").count() == 1

    to_known, to_new = mail.outbox
    assert to_known.subject == SUBJECT_PREFIX + "Du har redan ett konto"
    assert "/konto/password/reset/" in to_known.body
    assert to_new.subject == SUBJECT_PREFIX + "Bekräfta din e-postadress"


class CountingHasher(MD5PasswordHasher):
    """The tests' fast hasher, counting the passwords it hashes."""

    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


def test_signup_takes_the_same_steps_for_a_known_and_a_new_address(
    client, mails, settings, member_a
):
    """Hashing is the slow step by design (PBKDF2 in production: most of a second), and the
    mail the other one: both paths hash the password once and send one mail, so the time of
    the answer does not tell whether the address has an account."""
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    url = reverse("account_signup")
    steps = {}
    for email in ("anna@example.se", "helt-ny@example.se"):
        CountingHasher.hashed = 0
        mail.outbox.clear()
        with mails():
            response = client.post(
                url, {"email": email, "password1": PASSWORD, "password2": PASSWORD}
            )
        steps[email] = (response.status_code, response.url, CountingHasher.hashed, len(mail.outbox))
    expected = (302, reverse("account_email_verification_sent"), 1, 1)
    assert steps["anna@example.se"] == steps["helt-ny@example.se"] == expected


def test_password_reset_from_the_mail_link(client, mails, member_a):
    with mails():
        client.post(reverse("account_reset_password"), {"email": "anna@example.se"})
    link = mail_link(mail.outbox[0], "/konto/password/reset/key/")
    form_page = client.get(link, follow=True)
    assert_site_page_in_swedish(form_page)
    assert "Välj ett nytt lösenord" in text(form_page)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link

    new_password = "ny-fin-cykel-77"
    with mails():
        response = client.post(action, {"password1": new_password, "password2": new_password})
    assert response.url == reverse("account_reset_password_from_key_done")
    assert mail.outbox[-1].subject == SUBJECT_PREFIX + "Ditt lösenord är återställt"
    assert log_in(client, "anna@example.se", new_password).url == "/"


def test_a_used_or_bad_reset_link_explains_in_swedish(client):
    response = client.get("/konto/password/reset/key/1-fel-nyckel/", follow=True)
    assert "Länken fungerar inte" in text(response)


# --------------------------------------------------------------------------------------------
# Mails only after the commit
# --------------------------------------------------------------------------------------------


def test_mails_wait_for_the_commit(client, django_capture_on_commit_callbacks, member_a):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("account_reset_password"), {"email": "anna@example.se"})
        assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_no_mail_when_the_transaction_rolls_back(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        client.post(
            reverse("account_signup"),
            {"email": "aterkallad@example.se", "password1": PASSWORD, "password2": PASSWORD},
        )
        transaction.set_rollback(True)
    assert mail.outbox == []


class BrokenMailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


def test_a_mail_outage_is_logged_not_an_error_page(client, settings, mails, member_a, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailBackend"
    with mails():
        response = client.post(reverse("account_reset_password"), {"email": "anna@example.se"})
    assert response.status_code == 302
    assert "the mail server is down" in caplog.text


# --------------------------------------------------------------------------------------------
# Change e-mail: re-authentication first
# --------------------------------------------------------------------------------------------


def test_changing_the_email_asks_for_the_password_first(client, mails, member_a):
    client.force_login(member_a)  # a session with no recent password entry
    response = client.post(reverse("account_email"), {"email": "anna@ny.se", "action_add": ""})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="anna@ny.se").exists()

    wrong = client.post(response.url, {"password": "fel"})
    assert "Lösenordet stämmer inte." in text(wrong)

    with mails():
        response = client.post(response.url, {"password": PASSWORD}, follow=True)
    new = EmailAddress.objects.get(email="anna@ny.se")
    assert new.user == member_a and not new.verified
    assert "Väntar på bekräftelse" in text(response)
    message = mail.outbox[-1]
    assert message.to == ["anna@ny.se"]
    assert message.subject == SUBJECT_PREFIX + "Bekräfta din e-postadress"

    with mails():
        response = client.post(mail_link(message, "/konto/confirm-email/"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_email")
    assert "Tack! Adressen anna@ny.se är bekräftad." in text(response)
    notice = mail.outbox[-1]
    assert notice.to == ["anna@example.se"]  # the old address hears of the change
    assert notice.subject == SUBJECT_PREFIX + "Din e-postadress är bytt"
    assert "anna@example.se till anna@ny.se" in notice.body
    member_a.refresh_from_db()
    assert member_a.email == "anna@ny.se"
    assert not EmailAddress.objects.filter(email="anna@example.se").exists()


def test_changing_the_password_needs_the_old_one_and_tells_the_member(client, mails, member_a):
    client.force_login(member_a)
    url = reverse("account_change_password")
    new_password = "ny-fin-cykel-77"
    wrong = client.post(
        url, {"oldpassword": "fel", "password1": new_password, "password2": new_password}
    )
    assert "Det nuvarande lösenordet stämmer inte." in text(wrong)
    with mails():
        response = client.post(
            url, {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password}
        )
    assert response.status_code == 302
    assert "Ditt lösenord är bytt." in text(client.get(response.url))
    notice = mail.outbox[-1]
    assert notice.subject == SUBJECT_PREFIX + "Ditt lösenord är bytt"
    assert "IP-adress: 127.0.0.1" in notice.body


# --------------------------------------------------------------------------------------------
# The profile: authorization and the consent
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["account_profile", "account_email", "account_change_password"]
)
def test_anonymous_visitors_are_sent_to_log_in(client, url_name):
    url = reverse(url_name)
    for response in (client.get(url), client.post(url, {"organisation": "x"})):
        assert response.status_code == 302
        assert response.url == f"{reverse('account_login')}?next={url}"


def test_each_member_sees_and_edits_only_their_own_profile(client, member_a, member_b):
    url = reverse("account_profile")
    client.force_login(member_b)
    html = text(client.get(url))
    assert "Region Gävleborg" in html and "bertil@example.se" in html
    assert "Umeå kommun" not in html and "anna@example.se" not in html

    client.post(url, {"organisation": "Region Gävleborg, folkhälsoenheten"})
    assert MemberProfile.objects.get(user=member_a).organisation == "Umeå kommun"
    assert (
        MemberProfile.objects.get(user=member_b).organisation
        == "Region Gävleborg, folkhälsoenheten"
    )

    client.force_login(member_a)
    html = text(client.get(url))
    assert "Umeå kommun" in html and "Region Gävleborg" not in html


def test_an_editor_gets_a_profile_of_their_own(client, editor):
    login_with_mfa(client, editor)
    response = client.get(reverse("account_profile"))
    assert response.status_code == 200
    assert MemberProfile.objects.filter(user=editor).exists()


def test_the_profile_saves_name_organisation_title_and_county(client, member_a):
    from examples.models import County

    county = County.objects.get(code="24")
    client.force_login(member_a)
    response = client.post(
        reverse("account_profile"),
        {
            "first_name": "Anna",
            "last_name": "Andersson",
            "organisation": "Umeå kommun",
            "title": "Folkhälsostrateg",
            "county": county.pk,
        },
    )
    assert response.url == reverse("account_profile")
    member_a.refresh_from_db()
    assert member_a.get_full_name() == "Anna Andersson"
    assert member_a.member_profile.county == county
    assert "Din profil är sparad." in text(client.get(reverse("account_profile")))


def test_a_bad_county_is_explained_and_the_rest_is_kept(client, member_a):
    client.force_login(member_a)
    response = client.post(
        reverse("account_profile"), {"first_name": "Anna", "title": "Strateg", "county": "999999"}
    )
    assert response.status_code == 200
    html = text(response)
    assert 'value="Anna"' in html and 'value="Strateg"' in html
    page = facts(response)
    assert "id_county_error" in page.inputs["id_county"]["aria-describedby"]
    assert MemberProfile.objects.get(user=member_a).title == "Folkhälsostrateg"


def test_the_consent_is_unticked_until_given(client, member_a):
    client.force_login(member_a)
    checkbox = facts(client.get(reverse("account_profile"))).inputs["id_contact_consent"]
    assert checkbox["type"] == "checkbox"
    assert "checked" not in checkbox


def test_consent_is_dated_and_withdrawn_as_easily_and_the_example_page_follows(
    client, member_a, example_index
):
    page = ExamplePageFactory(
        parent=example_index,
        owner=member_a,
        contact_name="Anna Andersson",
        contact_email="anna.andersson@umea.se",
    )
    assert "anna.andersson@umea.se" not in text(client.get(page.url))

    profile_url = reverse("account_profile")
    client.force_login(member_a)
    client.post(profile_url, {"organisation": "Umeå kommun", "contact_consent": "on"})
    given_at = MemberProfile.objects.get(user=member_a).contact_consent_at
    assert given_at is not None
    checkbox = facts(client.get(profile_url)).inputs["id_contact_consent"]
    assert "checked" in checkbox
    assert "anna.andersson@umea.se" in text(client.get(page.url))

    # Saving again keeps the date of the original consent.
    client.post(profile_url, {"organisation": "Umeå kommun", "contact_consent": "on"})
    assert MemberProfile.objects.get(user=member_a).contact_consent_at == given_at

    # Withdrawing: untick and save, one step like giving it.
    client.post(profile_url, {"organisation": "Umeå kommun"})
    assert MemberProfile.objects.get(user=member_a).contact_consent_at is None
    client.logout()
    assert "anna.andersson@umea.se" not in text(client.get(page.url))


# --------------------------------------------------------------------------------------------
# Members never reach the Wagtail admin; editors do
# --------------------------------------------------------------------------------------------


def test_a_member_gets_no_access_to_the_admin(client, member_a):
    log_in(client, "anna@example.se")
    assert int(client.session["_auth_user_id"]) == member_a.pk
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == reverse("account_profile"), "refused, never asked to set up TOTP"
    assert "inte tillgång till redaktörsverktyget" in text(client.get(response.url))
    assert not member_a.has_perm("wagtailadmin.access_admin")


def test_a_signed_up_member_has_no_admin_permission(client, mails):
    with mails():
        client.post(
            reverse("account_signup"),
            {"email": "ny@kommun.se", "password1": PASSWORD, "password2": PASSWORD},
        )
    user = get_user_model().objects.get(email="ny@kommun.se")
    assert not user.has_perm("wagtailadmin.access_admin")
    assert not user.get_all_permissions()


def test_an_editor_reaches_the_admin(client, editor):
    """Password, then the code from the authenticator app (tests/security/test_mfa.py)."""
    response = log_in(client, "redaktor@example.se", "demo-redaktor-2026")
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(DEMO_EDITOR_TOTP_SECRET)})
    assert client.get("/admin/").status_code == 200


# --------------------------------------------------------------------------------------------
# Rate limits: in Swedish, never allauth's English page
# --------------------------------------------------------------------------------------------


def assert_swedish_429(response):
    assert response.status_code == 429
    html = text(response)
    assert "För många försök" in html
    assert 'class="site-header"' in html
    assert "Too Many Requests" not in html


def test_signup_is_rate_limited(client):
    url = reverse("account_signup")
    for _attempt in range(20):
        assert client.post(url, {}).status_code == 200
    assert_swedish_429(client.post(url, {}))


def test_login_is_rate_limited(client):
    url = reverse("account_login")
    for _attempt in range(30):
        assert client.post(url, {}).status_code == 200
    assert_swedish_429(client.post(url, {}))


def test_failed_logins_for_one_address_are_limited(client, member_a):
    for _attempt in range(5):
        log_in(client, "anna@example.se", "fel")
    response = log_in(client, "anna@example.se")  # even the right password waits
    assert response.status_code == 200
    assert "För många misslyckade försök." in text(response)
    assert "_auth_user_id" not in client.session


def test_password_reset_is_rate_limited(client, mails):
    url = reverse("account_reset_password")
    with mails():
        for _attempt in range(5):
            assert client.post(url, {"email": "ingen@example.se"}).status_code == 302
        assert_swedish_429(client.post(url, {"email": "ingen@example.se"}))


def test_code_requests_are_rate_limited(client, mails, member_a):
    with mails():
        for _attempt in range(3):
            client.post(reverse("account_request_login_code"), {"email": "anna@example.se"})
            client.post(reverse("account_logout"))
        response = client.post(reverse("account_request_login_code"), {"email": "anna@example.se"})
    assert response.status_code == 200
    assert "För många misslyckade försök." in text(response)
    assert len(mail.outbox) == 3


def test_the_rate_limits_cover_the_four_entrances(settings):
    from allauth.account import app_settings

    limits = app_settings.RATE_LIMITS
    for action in ("login", "login_failed", "signup", "reset_password", "request_login_code"):
        assert limits[action], action
