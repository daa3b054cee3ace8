"""``backup_site`` / ``restore_site``: the demo site is backed up from the test database,
encrypted with age, and restored into a fresh SQLite database in a subprocess; counts,
checksums and a page must match. Media in an S3 bucket (moto's server) go through the same
archive and come back into another bucket.

Under PostgreSQL (``DATABASE_URL=postgres://…``) the dump side runs on the PostgreSQL test
database and the restore target stays SQLite: the dump is JSON, so this also proves an archive
moves between the two.
"""

import json
import os
import shutil
import subprocess
import sys
import tarfile
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.documents import get_document_model

import pyrage
import pytest
from pyrage import x25519

from examples.models import ExamplePage
from tests import s3
from website.backup import (
    database_counts,
    media_checksums,
    restore_media,
    storage_sha256,
    unpack_and_verify,
)

ROOT = Path(__file__).resolve().parent.parent

# Run inside the restored site: row counts, the search index, and one example page over HTTP.
PROBE = """
import json
from django.apps import apps
from django.test import Client
from wagtail.models import Page
from search.models import SearchDocument
labels = json.loads(LABELS)
counts = {label: apps.get_model(label)._base_manager.count() for label in labels}
page = Page.objects.get(pk=PAGE_PK).specific
response = Client(HTTP_HOST="localhost").get(page.url)  # may add image renditions
print(json.dumps({
    "counts": counts,
    "status": response.status_code,
    "title": page.title,
    "title_in_page": page.title in response.content.decode(),
    "search_documents": SearchDocument.objects.count(),
}))
"""


def run_manage(*args, env):
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,  # a loaded 2-core machine migrates slowly
    )


@pytest.fixture
def source_media(settings, tmp_path):
    """A copy of the demo images (loaded into the test MEDIA_ROOT) as this test's MEDIA_ROOT."""
    media = tmp_path / "media"
    shutil.copytree(settings.MEDIA_ROOT, media)
    settings.MEDIA_ROOT = media
    return media


@pytest.fixture
def age_key(settings, tmp_path):
    """A key pair: the public half in the settings, the private half in a file."""
    identity = x25519.Identity.generate()
    settings.BACKUP_AGE_RECIPIENT = str(identity.to_public())
    key_file = tmp_path / "backup-key.txt"
    key_file.write_text(f"# created by the test\n{identity}\n")
    return identity, key_file


def test_backup_restores_into_a_fresh_database(demo, source_media, age_key, tmp_path, settings):
    identity, key_file = age_key
    checksums = media_checksums(source_media)
    assert any(name.startswith("original_images/") for name in checksums), "no demo images"

    call_command("backup_site", output_dir=str(tmp_path / "backups"), stdout=StringIO())
    [archive] = (tmp_path / "backups").iterdir()
    # Encrypted: an age file, no tar.gz in clear beside it, readable by the owner only.
    assert archive.name.endswith(".tar.gz.age")
    assert archive.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert archive.stat().st_mode & 0o777 == 0o600
    with pytest.raises(tarfile.TarError):
        tarfile.open(archive).close()
    plain = tmp_path / "plain.tar.gz"
    plain.write_bytes(pyrage.decrypt(archive.read_bytes(), [identity]))
    with tarfile.open(plain) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        assert {"manifest.json", "data.json"} <= set(tar.getnames())

    # The manifest describes the source: every dumped model's rows, every media file.
    counts = manifest["counts"]
    assert counts == database_counts(counts)
    for label in ("wagtailcore.page", "examples.examplepage", "examples.customimage", "auth.user"):
        assert counts[label] > 0, label
    for derived in ("contenttypes.contenttype", "auth.permission", "search.searchdocument"):
        assert derived not in counts
    assert manifest["media"] == checksums

    # Without the private key, or with another one, nothing is restored.
    settings.BACKUP_AGE_IDENTITY_FILE = ""
    with pytest.raises(CommandError, match="krypterat.*BACKUP_AGE_IDENTITY_FILE"):
        call_command("restore_site", str(archive), force=True, stdout=StringIO())
    other = tmp_path / "other-key.txt"
    other.write_text(f"{x25519.Identity.generate()}\n")
    with pytest.raises(CommandError, match="går inte att dekryptera"):
        call_command("restore_site", str(archive), identity=str(other), stdout=StringIO())

    # Restore into a fresh SQLite database and an empty MEDIA_ROOT, with the private key.
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("ELASTICSEARCH_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "S3_BUCKET")
        },
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'restored.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media2"),
        "BACKUP_AGE_IDENTITY_FILE": str(key_file),
    }
    restored = run_manage("restore_site", str(archive), env=env)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "alla kontrollsummor stämmer" in restored.stdout

    assert media_checksums(tmp_path / "media2") == checksums

    page = ExamplePage.objects.live().public().order_by("pk").first()
    probe = PROBE.replace("LABELS", repr(json.dumps(sorted(counts)))).replace(
        "PAGE_PK", str(page.pk)
    )
    result = run_manage("shell", "-v", "0", "-c", probe, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["counts"] == counts
    assert found["status"] == 200
    assert found["title"] == page.title
    assert found["title_in_page"]
    assert found["search_documents"] == ExamplePage.objects.live().public().count()

    # A second restore into the now non-empty database is refused without --force.
    again = run_manage("restore_site", str(archive), env=env)
    assert again.returncode != 0
    assert "--force" in again.stderr


def test_a_tampered_archive_is_refused_before_the_database_is_touched(demo, source_media, tmp_path):
    call_command("backup_site", output_dir=str(tmp_path / "backups"), stdout=StringIO())
    [archive] = (tmp_path / "backups").glob("*.tar.gz")
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    victim = next((unpacked / "media" / "original_images").iterdir())
    victim.write_bytes(victim.read_bytes() + b"x")
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tampered, "w:gz") as tar:
        for path in sorted(unpacked.iterdir()):
            tar.add(path, arcname=path.name)

    pages = apps.get_model("wagtailcore.page").objects.count()
    with pytest.raises(CommandError, match="fel kontrollsumma: original_images/"):
        call_command("restore_site", str(tampered), force=True, stdout=StringIO())
    assert apps.get_model("wagtailcore.page").objects.count() == pages
    assert source_media == settings.MEDIA_ROOT


@pytest.mark.parametrize("recipient", ["", "age1inte-en-nyckel", "age1abc, ssh-ed25519 AAAA"])
def test_a_configured_but_unusable_key_writes_no_archive(db, settings, tmp_path, recipient):
    settings.BACKUP_AGE_RECIPIENT = recipient
    with pytest.raises(CommandError, match="BACKUP_AGE_RECIPIENT.*Inget okrypterat arkiv"):
        call_command("backup_site", output_dir=str(tmp_path / "backups"), stdout=StringIO())
    assert not list(tmp_path.rglob("*.tar.gz*"))


@pytest.fixture(scope="module")
def s3_endpoint():
    with s3.moto_s3_server() as url:
        yield url


@pytest.mark.django_db
def test_media_in_a_bucket_are_backed_up_and_restored(settings, tmp_path, s3_endpoint):
    """With the media on S3 the archive holds the bucket's files, and a restore writes them back."""
    settings.BACKUP_AGE_RECIPIENT = None
    source = s3.create_bucket(s3_endpoint)
    s3.use_bucket(settings, s3_endpoint, source)
    documents = get_document_model()
    first = documents.objects.create(title="Ett", file=ContentFile(b"%PDF-1 ett", name="ett.pdf"))
    second = documents.objects.create(
        title="Två", file=ContentFile(b"%PDF-1 tva", name="mapp/tva.pdf")
    )
    stored = {
        name: storage_sha256(storages["default"], name)
        for name in (first.file.name, second.file.name)
    }

    call_command("backup_site", output_dir=str(tmp_path / "backups"), stdout=StringIO())
    [archive] = (tmp_path / "backups").glob("*.tar.gz")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        assert tar.extractfile(f"media/{first.file.name}").read() == b"%PDF-1 ett"
    assert manifest["media"] == stored

    # Into an empty bucket, and again into one where a file has other bytes.
    target = s3.create_bucket(s3_endpoint)
    s3.use_bucket(settings, s3_endpoint, target)
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    unpack_and_verify(archive, unpacked, progress=lambda line: None)
    restore_media(unpacked / "media", manifest["media"], storages["default"])
    assert s3.object_keys(s3_endpoint, target) == set(stored)

    s3.client(s3_endpoint).put_object(Bucket=target, Key=first.file.name, Body=b"annat")
    restore_media(unpacked / "media", manifest["media"], storages["default"])
    assert s3.object_keys(s3_endpoint, target) == set(stored)
    assert {name: storage_sha256(storages["default"], name) for name in stored} == stored
