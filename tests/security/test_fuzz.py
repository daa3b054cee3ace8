"""Property-based fuzzing (hypothesis) of every form and parameter a visitor or member can send.

Whatever arrives — unicode from every plane, NUL and other control characters (PostgreSQL
refuses NUL in text: a classic 500), huge values, odd numbers, repeated fields, random files
under random names, broken percent-encoding — the answer is never a server error, and a page is
a Swedish page.

Bounded and deterministic: ``derandomize=True`` draws the same examples on every run (no
example database is written), about 50–80 examples per form. Each example runs in its own
savepoint that is rolled back, with a fresh client and an empty cache (so no rate limit counts
across examples); the demo site stays as it was.
"""

import string
from contextlib import contextmanager
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.test import Client

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.models import County, ExamplePage, Goal, Municipality, TargetArea, TargetGroup
from search.facets import FACETS
from tests.security import corpus

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # each example is isolated by hand, see above
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Text from every plane except lone surrogates (which no client can encode as UTF-8).
CHARACTERS = st.characters(exclude_categories=("Cs",))
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x00" * 20,
    "%00",
    "\r\n\r\n",
    "\u202e\u2066",
    "\ufeff",
    "𝕳ä𝖑𝖘𝖆",
    "ß" * 50,
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "1; DROP TABLE wagtailcore_page; --",
    "' OR '1'='1",
    "../../etc/passwd",
    "{{7*7}}",
    *corpus.XSS_PAYLOADS[:4],
]
HOSTILE = st.one_of(
    st.text(CHARACTERS, max_size=300),
    st.sampled_from(NASTY),
    st.tuples(st.sampled_from(NASTY), st.text(CHARACTERS, max_size=40)).map("".join),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
HUGE = st.sampled_from(["x" * 100_000, "å" * 20_000, "\x00" * 5_000, "9" * 5_000])
VALUE = st.one_of(HOSTILE, HOSTILE, HOSTILE, HUGE)
VALUES = st.lists(VALUE, max_size=5)


@contextmanager
def isolated():
    """One example: a savepoint that is rolled back, and an empty cache."""
    cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
    cache.clear()


def assert_answered(response):
    """No server error; a page is in Swedish, JSON is JSON."""
    assert response.status_code < 500, response.status_code
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/html") and response.status_code != 302:
        assert '<html lang="sv"' in response.content.decode(), response.content[:300]
    if content_type.startswith("application/json"):
        response.json()


@pytest.fixture
def member(db):
    user = get_user_model().objects.create_user(
        username="fuzz@example.se", email="fuzz@example.se", password="x"
    )
    user.groups.add(Group.objects.get(name="Medlemmar"))
    return user


def member_client(member):
    client = Client()
    client.force_login(member)
    return client


def ids_of(model):
    return [str(pk) for pk in model.objects.values_list("pk", flat=True)[:50]]


def maybe_valid(valid):
    """Mostly hostile values, sometimes real ones: so that deeper code runs too."""
    return st.one_of(VALUE, st.sampled_from(valid)) if valid else VALUE


def multi(valid):
    return st.lists(maybe_valid(valid), max_size=6)


# ----------------------------------------------------------------------------------------------
# Accounts
# ----------------------------------------------------------------------------------------------

EMAILS = st.one_of(VALUE, st.emails().map(str.lower))


@pytest.mark.usefixtures("db")
@FUZZ
@given(
    email=EMAILS, password1=VALUE, password2=VALUE, extra=st.dictionaries(VALUE, VALUE, max_size=3)
)
def test_signup_never_fails(email, password1, password2, extra):
    with isolated():
        data = {**extra, "email": email, "password1": password1, "password2": password2}
        assert_answered(Client().post("/konto/signup/", data))


@pytest.mark.usefixtures("db")
@FUZZ
@given(login=EMAILS, password=VALUE, remember=VALUE)
def test_login_never_fails(login, password, remember):
    with isolated():
        data = {"login": login, "password": password, "remember": remember}
        assert_answered(Client().post("/konto/login/", data))


@FUZZ
@given(data=st.data())
def test_the_profile_never_fails(member, data):
    counties = ids_of(County)
    form = {
        "first_name": data.draw(VALUE),
        "last_name": data.draw(VALUE),
        "organisation": data.draw(VALUE),
        "title": data.draw(VALUE),
        "county": data.draw(maybe_valid(counties)),
        "contact_consent": data.draw(st.sampled_from(["", "on", "1", "\x00", "false"])),
    }
    with isolated():
        assert_answered(member_client(member).post("/konto/profil/", form))


# ----------------------------------------------------------------------------------------------
# "Dela med dig"
# ----------------------------------------------------------------------------------------------

FILE_NAMES = st.one_of(
    st.text(CHARACTERS, min_size=1, max_size=80),
    st.sampled_from([odd.name for odd in corpus.ODD_NAMES] + [b.name for b in corpus.BAD_UPLOADS]),
)
FILE_CONTENT = st.one_of(
    st.binary(max_size=2048),
    st.sampled_from([corpus.png(), corpus.jpeg(), corpus.pdf(), corpus.docx(), corpus.psd()]),
    st.sampled_from([corpus.truncated_jpeg(), corpus.pixel_bomb(), corpus.svg_with_script()]),
)
FILES = st.lists(
    st.tuples(st.sampled_from(["cover_image", "attachments"]), FILE_NAMES, FILE_CONTENT),
    max_size=4,
)
SHARE_TEXT_FIELDS = [
    "title",
    "summary",
    "body",
    "tags",
    "start_year",
    "end_year",
    "results",
    "lessons",
    "transfer",
    "contact_name",
    "contact_role",
    "contact_email",
    "cover_image_alt",
    "cover_image_token",
    "attachments_token",
    "remove_cover_image",
    "all_municipalities",
]


@pytest.fixture
def choices(db):
    return {
        "county": ids_of(County),
        "municipalities": ids_of(Municipality),
        "target_areas": ids_of(TargetArea),
        "target_groups": ids_of(TargetGroup),
        "goals": ids_of(Goal),
        "stage": ["1", "2", "3", "4"],
    }


@FUZZ
@given(data=st.data())
def test_the_share_form_never_fails(member, choices, data):
    fields = {name: data.draw(VALUE) for name in SHARE_TEXT_FIELDS if data.draw(st.booleans())}
    fields["county"] = data.draw(maybe_valid(choices["county"]))
    fields["stage"] = data.draw(maybe_valid(choices["stage"]))
    for name in ("municipalities", "target_areas", "target_groups", "goals"):
        fields[name] = data.draw(multi(choices[name]))
    total = data.draw(st.one_of(st.sampled_from(["0", "1", "3", "10", "11"]), VALUE))
    fields.update({"org-TOTAL_FORMS": total, "org-INITIAL_FORMS": data.draw(maybe_valid(["0"]))})
    for n in range(3):
        fields[f"org-{n}-name"] = data.draw(VALUE)
        fields[f"org-{n}-kind"] = data.draw(maybe_valid(["region", "kommun", ""]))
        fields[f"org-{n}-role"] = data.draw(maybe_valid(["owner", "partner"]))
    fields[data.draw(st.sampled_from(["submit", "draft", "neither"]))] = "1"
    body, content_type = corpus.multipart(fields, data.draw(FILES))
    with isolated():
        response = member_client(member).post("/dela/", data=body, content_type=content_type)
        assert_answered(response)


@FUZZ
@given(stage=VALUE)
def test_the_stage_form_never_fails(member, stage):
    with isolated():
        client = member_client(member)
        client.post(
            "/dela/",
            {"title": "Utkast", "draft": "1", "org-TOTAL_FORMS": "0", "org-INITIAL_FORMS": "0"},
        )
        page = ExamplePage.objects.get(owner=member)
        assert_answered(client.post(f"/mina-exempel/{page.pk}/nytt-steg/", {"stage": stage}))


@FUZZ
@given(data=st.data())
def test_the_discontinue_form_never_fails(member, data):
    """ "Markera som avslutat", with its confirmation step and "Återuppta"."""
    fields = {
        "month": data.draw(maybe_valid(["1", "6", "12"])),
        "year": data.draw(maybe_valid(["2020", "2024"])),
        "reason": data.draw(maybe_valid(["finansiering", "ersatt", "ingen-effekt", "annat"])),
        "reason_text": data.draw(VALUE),
        "replaced_by_url": data.draw(maybe_valid(["/goda-exempel/", "http://testserver/"])),
        "lesson": data.draw(VALUE),
        data.draw(st.sampled_from(["confirm", "edit", "neither"])): "1",
    }
    with isolated():
        client = member_client(member)
        client.post(
            "/dela/",
            {"title": "Utkast", "draft": "1", "org-TOTAL_FORMS": "0", "org-INITIAL_FORMS": "0"},
        )
        page = ExamplePage.objects.get(owner=member)
        assert_answered(client.post(f"/mina-exempel/{page.pk}/avsluta/", fields))
        assert_answered(client.post(f"/mina-exempel/{page.pk}/ateruppta/", {}))


# ----------------------------------------------------------------------------------------------
# Search, suggestions, the API
# ----------------------------------------------------------------------------------------------

SEARCH_PARAMS = ["q", "sortering", "sida", *(facet.param for facet in FACETS)]
PARAMS = st.dictionaries(
    st.one_of(st.sampled_from(SEARCH_PARAMS), VALUE), VALUES, max_size=len(SEARCH_PARAMS) + 2
)
# Raw query strings, percent-encoding broken on purpose: "%", "%zz", "%ff%fe" (not UTF-8).
RAW_QUERY = st.lists(
    st.one_of(
        st.text(string.printable, max_size=40),
        st.sampled_from(["%", "%zz", "%ff%fe", "%00", "q=%C0%AF", "&&==", "sida=%FF", "q[]="]),
        VALUE.map(lambda value: "q=" + quote(value.encode("utf-8", "replace"))),
    ),
    max_size=6,
).map("&".join)


@pytest.mark.usefixtures("db")
@FUZZ
@given(params=PARAMS)
def test_the_search_page_never_fails(params):
    with isolated():
        assert_answered(Client().get("/sok/", params))


@pytest.mark.usefixtures("db")
@FUZZ
@given(raw=RAW_QUERY)
def test_the_search_page_reads_any_query_string(raw):
    with isolated():
        assert_answered(Client().get("/sok/", QUERY_STRING=raw))


@pytest.mark.usefixtures("db")
@FUZZ
@given(q=VALUE, raw=RAW_QUERY)
def test_suggestions_never_fail(q, raw):
    with isolated():
        assert_answered(Client().get("/sok/forslag/", {"q": q}))
        assert_answered(Client().get("/sok/forslag/", QUERY_STRING=raw))


@pytest.mark.usefixtures("db")
@FUZZ
@given(params=PARAMS, per_page=VALUES, raw=RAW_QUERY)
def test_the_api_never_fails(params, per_page, raw):
    with isolated():
        client = Client()
        assert_answered(client.get("/api/v1/exempel/", {**params, "per_sida": per_page}))
        assert_answered(client.get("/api/v1/exempel/", QUERY_STRING=raw))


@pytest.mark.usefixtures("db")
@FUZZ
@given(params=PARAMS)
def test_the_exports_never_fail(params):
    with isolated():
        client = Client()
        for path in ("/sok/export.csv", "/sok/export.xlsx", "/flode/sok/"):
            assert_answered(client.get(path, params))


@pytest.mark.usefixtures("db")
@FUZZ
@given(example_id=st.one_of(st.integers(min_value=-(2**80), max_value=2**80), VALUE))
def test_an_api_example_by_any_id_never_fails(example_id):
    with isolated():
        path = f"/api/v1/exempel/{quote(str(example_id), safe='')}/"
        assert_answered(Client().get(path))
