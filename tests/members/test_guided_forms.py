"""Forms that guide: what a member sees on "Dela med dig", "Nytt steg" and the log-in page
before and after a failed submit (issue 15, "Forms that guide")."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from tests.members.test_sharing import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    user = get_user_model().objects.create_user(
        username="anna@example.se", email="anna@example.se", password="x", first_name="Anna"
    )
    user.groups.add(Group.objects.get(name="Medlemmar"))
    return user


def labels(html):
    return re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)


def test_required_fields_are_marked_before_any_submit(client, member):
    client.force_login(member)
    html = client.get("/dela/").content.decode()
    title_label = re.search(r'<label for="id_title">(.*?)</label>', html, re.S).group(1)
    assert "(obligatoriskt)" in title_label
    body_label = re.search(r'<label for="id_body">(.*?)</label>', html, re.S).group(1)
    assert "obligatoriskt" not in body_label
    legend = re.search(r"<legend>Verksamhetsområden(.*?)</legend>", html, re.S).group(1)
    assert "(obligatoriskt)" in legend


def test_labels_do_not_end_in_a_colon(client, member):
    client.force_login(member)
    html = client.get("/dela/").content.decode()
    texts = [re.sub(r"<[^>]+>", "", label).strip() for label in labels(html)]
    assert texts
    assert not [text for text in texts if text.endswith(":")]


def test_a_failed_submit_focuses_a_summary_whose_links_all_reach_a_field(client, member):
    client.force_login(member)
    data = form_data(county="", target_areas=[], stage="", title="")
    response = client.post("/dela/", {**data, "submit": "1"})
    html = response.content.decode()
    assert response.status_code == 400
    assert re.search(r"<title>Fel: ", html)
    summary = re.search(r'<div class="error-summary"[^>]*>', html).group(0)
    assert "autofocus" in summary and 'tabindex="-1"' in summary
    summary_html = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    targets = re.findall(r'href="#([^"]+)"', summary_html)
    assert len(targets) >= 4
    for target in targets:
        assert f'id="{target}"' in html, target


def test_the_ctrl_hint_is_only_for_the_list_box_and_hidden_on_touch_screens(client, member):
    client.force_login(member)
    html = client.get("/dela/").content.decode()
    assert html.count("Håll ned Ctrl") == 1
    assert '<span class="keyboard-hint">Håll ned Ctrl' in html
    css = (settings.BASE_DIR / "website/static/css/site.css").read_text()
    assert re.search(r"@media \(pointer: coarse\) \{\s*\.keyboard-hint \{\s*display: none", css)


def test_the_title_is_plain_without_errors(client, member):
    client.force_login(member)
    html = client.get("/dela/").content.decode()
    assert "<title>Fel:" not in html


@pytest.fixture
def editor(db):
    return get_user_model().objects.get(email="redaktor@example.se")


def published_example(client, member, editor):
    from examples.models import ExamplePage

    client.force_login(member)
    client.post("/dela/", {**form_data(), "submit": "1"})
    page = ExamplePage.objects.get(owner=member)
    page.current_workflow_state.current_task_state.approve(user=editor)
    return ExamplePage.objects.get(pk=page.pk)


def test_a_new_stage_asks_when_and_shows_month_and_comment_in_the_history(client, member, editor):
    from examples.models import ExamplePage, Stage, StageChange

    page = published_example(client, member, editor)
    url = f"/mina-exempel/{page.pk}/nytt-steg/"
    html = client.get(url).content.decode()
    assert 'name="month"' in html and 'name="year"' in html and 'name="note"' in html

    last_year = page.latest_stage_change.date.year
    response = client.post(
        url,
        {"stage": Stage.REGULAR, "month": "12", "year": str(last_year), "note": "Beslut i nämnden"},
    )
    assert response.status_code == 302
    mine = client.get("/mina-exempel/").content.decode()
    assert f"Steg {Stage.REGULAR} väntar på granskning" in mine

    page = ExamplePage.objects.get(pk=page.pk)
    page.current_workflow_state.current_task_state.approve(user=editor)
    change = ExamplePage.objects.get(pk=page.pk).latest_stage_change
    assert change.stage == Stage.REGULAR
    assert change.precision == StageChange.Precision.MONTH
    assert (change.date.year, change.date.month) == (last_year, 12)
    html = client.get(page.url).content.decode()
    assert f"december {last_year}" in html and "Beslut i nämnden" in html


def test_a_new_stage_in_the_future_or_before_the_history_is_refused(client, member, editor):
    from examples.models import Stage

    page = published_example(client, member, editor)
    url = f"/mina-exempel/{page.pk}/nytt-steg/"
    first = page.latest_stage_change.date
    for year, anchor in ((first.year + 2, "id_year"), (first.year - 1, "id_month")):
        response = client.post(url, {"stage": Stage.REGULAR, "month": "1", "year": str(year)})
        html = response.content.decode()
        assert response.status_code == 400
        assert re.search(r"<title>Fel: ", html)
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html


def test_the_reset_link_comes_after_the_log_in_button(client):
    html = client.get(reverse("account_login")).content.decode()
    button = html.index('<button type="submit">Logga in</button>')
    assert html.index("Glömt lösenordet?") > button
    assert html.index('name="password"') < button


def test_a_member_who_logs_in_is_told_so(client, member):
    from allauth.account.models import EmailAddress

    member.set_password("ett-bra-losenord-42")
    member.save()
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    response = client.post(
        reverse("account_login"),
        {"login": "anna@example.se", "password": "ett-bra-losenord-42"},
        follow=True,
    )
    assert "Du är inloggad." in response.content.decode()


def test_attachments_get_a_title_and_can_be_removed(client, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from examples.models import ExamplePage
    from tests.members.test_sharing import docx_bytes

    client.force_login(member)
    files = [
        SimpleUploadedFile("plan.docx", docx_bytes(), content_type="application/octet-stream"),
        SimpleUploadedFile("bilaga.docx", docx_bytes(), content_type="application/octet-stream"),
    ]
    # A failed submit lists the kept uploads, each with a title field and a removal box.
    response = client.post("/dela/", {**form_data(county=""), "attachments": files, "submit": "1"})
    html = response.content.decode()
    ids = re.findall(r'name="attachment_title-(\d+)" value="([^"]*)"', html)
    assert [title for _pk, title in ids] == ["plan.docx", "bilaga.docx"]
    assert html.count('name="attachment_remove"') == 2
    token = html.split('name="attachments_token" value="', 1)[1].split('"', 1)[0]
    (plan, _), (other, _) = ids
    response = client.post(
        "/dela/",
        {
            **form_data(),
            "attachments_token": token,
            f"attachment_title-{plan}": "Projektplan 2025",
            f"attachment_title-{other}": "bilaga.docx",
            "attachment_remove": [other],
            "submit": "1",
        },
    )
    assert response.status_code == 302
    page = ExamplePage.objects.get(owner=member)
    draft = page.get_latest_revision_as_object()
    assert [a.link_text for a in draft.attachments.all()] == ["Projektplan 2025"]

    # Editing shows the attachment with its title, and removing it there takes it off.
    html = client.get(f"/mina-exempel/{page.pk}/andra/").content.decode()
    assert f'name="attachment_title-{plan}" value="Projektplan 2025"' in html
    response = client.post(
        f"/mina-exempel/{page.pk}/andra/",
        {**form_data(), f"attachment_title-{plan}": "x", "attachment_remove": [plan], "draft": "1"},
    )
    assert response.status_code == 302
    assert (
        not ExamplePage.objects.get(pk=page.pk).get_latest_revision_as_object().attachments.count()
    )
