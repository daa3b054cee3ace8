"""Media on S3-compatible object storage, so several application servers share one set of files.

Against moto's S3 server over HTTP (tests/s3.py), through django-storages and boto3 as in
production: an image and a document are uploaded, a rendition is made from the stored
original, both read back, served, and deleted from the bucket with their rows.
"""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest
from PIL import Image

from tests import s3
from website.settings.media import media_storage

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes(size=(120, 90)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 90)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def endpoint():
    with s3.moto_s3_server() as url:
        yield url


@pytest.fixture
def bucket(settings, endpoint):
    name = s3.create_bucket(endpoint)
    s3.use_bucket(settings, endpoint, name)
    return name


def test_without_a_bucket_uploads_stay_in_media_root():
    assert media_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert media_storage({"AWS_STORAGE_BUCKET_NAME": " "})["BACKEND"].endswith("FileSystemStorage")


def test_a_bucket_is_private_and_never_overwritten():
    storage = media_storage({"S3_BUCKET": "goda-exempel-media", "AWS_S3_CUSTOM_DOMAIN": "x.se"})
    assert storage["BACKEND"] == "website.storage.SiteServedS3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "goda-exempel-media"
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True
    assert options["custom_domain"] is None, "a public domain would bypass the access check"
    assert options["file_overwrite"] is False
    # Unset credentials and endpoint are left to boto3's own chain, not passed as "".
    assert not {"access_key", "secret_key", "endpoint_url"} & set(options)


@pytest.mark.django_db
def test_images_and_documents_live_in_the_bucket(
    bucket, endpoint, client, django_capture_on_commit_callbacks
):
    image = get_image_model().objects.create(
        title="Omslag",
        description="Grön yta",
        file=ImageFile(io.BytesIO(png_bytes()), name="omslag.png"),
    )
    document = get_document_model().objects.create(
        title="Faktablad", file=ContentFile(PDF, name="faktablad.pdf")
    )
    rendition = image.get_rendition("fill-60x40|format-webp")

    keys = s3.object_keys(endpoint, bucket)
    assert {image.file.name, document.file.name, rendition.file.name} <= keys
    assert image.file.name.startswith("original_images/")
    assert rendition.file.name.startswith("images/")

    # The rendition was made from the original read back from the bucket.
    with rendition.file.open("rb") as stored:
        assert Image.open(stored).size == (60, 40)
    with document.file.open("rb") as stored:
        assert stored.read() == PDF

    # Objects are private: only the owner may read them, and the bucket's own URL refuses.
    grants = s3.client(endpoint).get_object_acl(Bucket=bucket, Key=image.file.name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert grants[0]["Grantee"]["Type"] == "CanonicalUser"
    # Visitors get the site's own address, where members/sharing/media.py checks access and streams
    # the file from the bucket; no bucket URL reaches a page, and the CSP stays 'self'.
    assert rendition.url == f"/media/{rendition.file.name}"
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (60, 40)
    assert client.get(f"/media/{image.file.name}").status_code == 200
    assert client.get("/media/images/finns-inte.webp").status_code == 404

    # A document is still served by the site, streamed from the bucket.
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert client.get(f"/media/{document.file.name}").status_code == 404, "only at /dokument/"

    policy = client.get("/finns-inte/").headers["Content-Security-Policy"]
    assert "img-src 'self' data:" in policy and endpoint not in policy

    # A second upload of the same name keeps the first file.
    again = get_document_model().objects.create(
        title="Annat", file=ContentFile(b"%PDF-1.4 annat", name="faktablad.pdf")
    )
    assert again.file.name != document.file.name
    with document.file.open("rb") as stored:
        assert stored.read() == PDF

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
        document.delete()
    left = s3.object_keys(endpoint, bucket)
    assert not {image.file.name, rendition.file.name, document.file.name} & left
    assert again.file.name in left
