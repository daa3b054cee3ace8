"""The admin's tag field and rich-text editors get their label as accessible name
(wagtail/wagtail#14205): the page editor loads the script that names them."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.urls import reverse

import pytest

from examples.models import ExamplePage
from tests.mfa_helpers import login_with_mfa

pytestmark = pytest.mark.django_db


def test_the_page_editor_names_the_tag_field_and_rich_text_editors(client, demo):
    login_with_mfa(client, get_user_model().objects.get(email="redaktor@example.se"))
    page = ExamplePage.objects.live().first()
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "js/admin-field-names.js" in html
    script = Path(finders.find("js/admin-field-names.js")).read_text(encoding="utf-8")
    assert ".tagify__input" in script and ".public-DraftEditor-content" in script
    assert 'setAttribute("aria-label"' in script
