"""Uploaded documents are served so that nothing in them can run on the site's origin.

A DOCX (like every type but PDF) is a download; a PDF may open in the browser. Both carry a
Content-Security-Policy that lets nothing load and ``nosniff``, so a file that is really HTML
or script stays inert whatever its name says.
"""

import io
import zipfile

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import pytest

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def served(client, filename, content):
    document = get_document_model().objects.create(
        title=filename, file=ContentFile(content, name=filename)
    )
    response = client.get(document.url)
    assert response.status_code == 200, document.url
    return response


def policy(response):
    return {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split("; ")
    }


def test_a_docx_is_a_sandboxed_download(client):
    response = served(client, "rapport.docx", docx_bytes())
    assert response["Content-Disposition"].startswith("attachment;")
    assert "rapport.docx" in response["Content-Disposition"]
    csp = policy(response)
    assert csp["default-src"] == ["'none'"]
    assert "sandbox" in csp
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_opens_inline_with_nothing_allowed_to_load(client):
    response = served(client, "handlingsplan.pdf", PDF)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    csp = policy(response)
    assert csp["default-src"] == ["'none'"]
    assert "script-src" not in csp and "object-src" not in csp, "nothing widens 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_text_is_not_shown_inline_either(client):
    """Wagtail shows text/plain inline by default; here only PDF opens in the browser."""
    response = served(client, "anteckningar.txt", b"<script>alert(1)</script>")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in policy(response)
