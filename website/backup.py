"""Backup and restore of the whole site: the database as a portable JSON dump plus the media.

One archive, ``backups/<UTC timestamp>.tar.gz`` (``.tar.gz.age`` when encrypted, see
``website/backup_age.py``), holds

* ``data.json``: the ``dumpdata`` JSON format, by base manager, of every model except what is derived or
  transient (content types and permissions are recreated by ``migrate``, sessions, the search
  indexes, editing sessions and form states). Primary keys are kept, not replaced by natural
  keys: ids are also stored outside foreign keys (revision contents, generic relations, log
  entries), so a restore must give every row its old id back;
* ``media/…``: every file in the media storage (originals, renditions, documents), read and
  written through Django's storage API, so ``MEDIA_ROOT`` and an S3 bucket are backed up and
  restored alike;
* ``manifest.json``: the row count of every dumped model, the SHA-256 of ``data.json`` and of
  every media file, and the migrations the dump was taken at.

The dump is JSON, so an archive taken on PostgreSQL restores into SQLite and the other way round.
A restore decrypts the archive if need be, verifies it before touching anything, migrates,
replaces the database's rows with the dump in one transaction (a count mismatch rolls it all
back), writes the media to the storage, checks every checksum read back from it and rebuilds
the search indexes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tarfile
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.management import call_command
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

import wagtail
from wagtail.models import Page

from website import backup_age

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA_DIR = "media"

# Derived or transient data, never dumped. The site's own search index (app ``search``) and
# Wagtail's admin search index are rebuilt after a restore; content types and permissions are
# created by ``migrate`` (the dump refers to them by natural key).
EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "search",
    "wagtailsearch",
    "wagtailadmin.editingsession",
    "wagtailadmin.formstate",
]

Progress = Callable[[str], None]


class BackupError(Exception):
    """The archive is unusable or the restored data does not match it."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_checksums(root: Path) -> dict[str, str]:
    """SHA-256 of every regular file under a folder, keyed by its POSIX path relative to it."""
    root = Path(root)
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256_file(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def media_storage() -> Storage:
    return storages["default"]


def storage_names(storage: Storage, folder: str = "") -> list[str]:
    """Every file's name in ``storage`` (its whole tree), sorted; symbolic links skipped."""
    local = isinstance(storage, FileSystemStorage)
    if local and not Path(storage.location).is_dir():
        return []
    folders, files = storage.listdir(folder)
    names = [f"{folder}{name}" for name in files]
    if local:
        names = [name for name in names if not Path(storage.path(name)).is_symlink()]
    for sub in folders:
        if not (local and Path(storage.path(f"{folder}{sub}")).is_symlink()):
            names += storage_names(storage, f"{folder}{sub}/")
    return sorted(names)


def storage_sha256(storage: Storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader:
    """Hands a stored file's bytes to ``tarfile`` and hashes exactly what was packed."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def pack_media(archive: tarfile.TarFile, storage: Storage, mtime: float) -> dict[str, str]:
    """Add every stored file as ``media/<name>``, streamed; return their checksums."""
    checksums = {}
    for name in storage_names(storage):
        info = tarfile.TarInfo(f"{MEDIA_DIR}/{name}")
        info.size = storage.size(name)
        info.mtime = mtime
        info.mode = 0o644
        with storage.open(name, "rb") as handle:
            reader = _HashingReader(handle)
            archive.addfile(info, reader)
        checksums[name] = reader.digest.hexdigest()
    return checksums


def restore_media(source: Path, expected: dict[str, str], storage: Storage) -> None:
    """Write the archive's media files into ``storage`` under their own names, then verify.

    A file already stored with the same bytes is kept; one with other bytes is replaced
    (the storage would otherwise save the archive's copy under a new name). Files the archive
    does not list are left alone.
    """
    for name, checksum in expected.items():
        if storage.exists(name):
            if storage_sha256(storage, name) == checksum:
                continue
            storage.delete(name)
        with open(source / name, "rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(f"Mediefilen {name} sparades som {saved}")
    restored = {name: storage_sha256(storage, name) for name in expected if storage.exists(name)}
    compare_media(expected, restored, "i medielagringen")


def _installed(label: str) -> bool:
    app_label, _, model_name = label.partition(".")
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        return False
    if not model_name:
        return True
    try:
        config.get_model(model_name)
    except LookupError:
        return False
    return True


def excluded_labels() -> list[str]:
    return [label for label in EXCLUDE if _installed(label)]


def dumped_models(using: str = DEFAULT_DB_ALIAS) -> list:
    """The models ``dumpdata`` writes with our exclusions (concrete, managed, not excluded)."""
    excluded = set(excluded_labels())
    return [
        model
        for model in apps.get_models()
        if not model._meta.proxy
        and model._meta.app_label not in excluded
        and model._meta.label_lower not in excluded
        and router.allow_migrate_model(using, model)
    ]


def database_counts(labels, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    return {
        label: apps.get_model(label)._base_manager.using(using).count() for label in sorted(labels)
    }


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


class _Serializer(JSONSerializer):
    """JSON with natural keys only for references to content types and permissions.

    Those two are re-created by ``migrate`` with other ids. Every other row keeps its primary key
    (``--natural-foreign`` would also write pages as URL paths and collections as name paths,
    and fails on log entries that still point at a deleted page).
    """

    def _natural_for(self, field):
        return self.use_natural_foreign_keys and field.remote_field.model in (
            ContentType,
            Permission,
        )

    def handle_fk_field(self, obj, field):
        natural, self.use_natural_foreign_keys = (
            self.use_natural_foreign_keys,
            self._natural_for(field),
        )
        try:
            super().handle_fk_field(obj, field)
        finally:
            self.use_natural_foreign_keys = natural

    def handle_m2m_field(self, obj, field):
        natural, self.use_natural_foreign_keys = (
            self.use_natural_foreign_keys,
            self._natural_for(field),
        )
        try:
            super().handle_m2m_field(obj, field)
        finally:
            self.use_natural_foreign_keys = natural


def dump_database(path: Path, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Write every dumped model's rows (base manager, by primary key) to ``path``; return counts."""
    models = dumped_models(using)
    by_app: dict = {}
    for model in models:
        by_app.setdefault(model._meta.app_config, []).append(model)
    counts = {model._meta.label_lower: 0 for model in models}

    def rows():
        for model in serializers.sort_dependencies(by_app.items(), allow_cycles=True):
            label = model._meta.label_lower
            for row in model._base_manager.using(using).order_by(model._meta.pk.name).iterator():
                counts[label] += 1
                yield row

    with open(path, "w", encoding="utf-8") as stream:
        _Serializer().serialize(rows(), stream=stream, use_natural_foreign_keys=True)
    return counts


def recipients() -> list | None:
    """The public keys to encrypt to, or None where ``BACKUP_AGE_RECIPIENT`` is not set.

    Set but empty or malformed is an error, never a reason to write the archive in clear.
    """
    value = getattr(settings, "BACKUP_AGE_RECIPIENT", None)
    if value is None:
        return None
    try:
        return backup_age.parse_recipients(value)
    except backup_age.AgeError as exc:
        raise BackupError(str(exc)) from exc


def create_backup(
    output_dir: Path, progress: Progress = print, using: str = DEFAULT_DB_ALIAS
) -> Path:
    """Write ``<output_dir>/<UTC timestamp>.tar.gz[.age]`` and return its path."""
    keys = recipients()  # before anything is written
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    storage = media_storage()
    connection = connections[using]
    stamp = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="backup-", dir=output_dir) as workdir:
        data_path = Path(workdir) / DATA
        progress(f"Databas ({connection.vendor}): skriver {DATA} …")
        # One consistent snapshot on PostgreSQL, so rows written meanwhile never half-appear.
        # (Inside an outer transaction, e.g. a test, SET TRANSACTION would come too late.)
        snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
        with transaction.atomic(using=using):
            if snapshot:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            counts = dump_database(data_path, using)
            migrations = applied_migrations(using)
        progress(f"Databas: {sum(counts.values())} rader ur {len(counts)} modeller")

        target = output_dir / f"{stamp:%Y%m%dT%H%M%SZ}.tar.gz"
        if keys:
            target = target.with_name(target.name + backup_age.SUFFIX)
        if target.exists():
            raise BackupError(f"{target} finns redan")
        packed = Path(workdir) / "archive.tar.gz"
        progress(f"Media: packar filerna i {_describe(storage)} …")
        with tarfile.open(packed, "w:gz") as archive:
            archive.add(data_path, arcname=DATA)
            files = pack_media(archive, storage, stamp.timestamp())
            manifest = _manifest(stamp, connection, data_path, counts, files, migrations)
            manifest_path = Path(workdir) / MANIFEST
            manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
            archive.add(manifest_path, arcname=MANIFEST)
        progress(f"Arkiv: {len(files)} mediefiler packade")
        partial = packed
        if keys:
            progress(f"Arkiv: krypterar till {len(keys)} mottagare (age) …")
            partial = Path(workdir) / target.name
            try:
                backup_age.encrypt(packed, partial, keys)
            except backup_age.AgeError as exc:
                raise BackupError(str(exc)) from exc
        # Password hashes and TOTP secrets: readable by the site's user only.
        os.chmod(partial, 0o600)
        partial.replace(target)  # complete or absent, never half-written
    progress(f"Klart: {target} ({target.stat().st_size // 1024} kB)")
    return target


def _describe(storage: Storage) -> str:
    if isinstance(storage, FileSystemStorage):
        return str(storage.location)
    return f"{type(storage).__name__} {getattr(storage, 'bucket_name', '')}".strip()


def _manifest(stamp, connection, data_path, counts, files, migrations) -> dict:
    return {
        "format": FORMAT,
        "created": stamp.isoformat(),
        "database_vendor": connection.vendor,
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "data_sha256": sha256_file(data_path),
        "counts": dict(sorted(counts.items())),
        "media": files,
        "migrations": migrations,
    }


def _check_member(member: tarfile.TarInfo) -> None:
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"Otillåten sökväg i arkivet: {member.name}")
    if not (member.isfile() or member.isdir()):
        raise BackupError(f"Arkivet får bara innehålla vanliga filer: {member.name}")
    if member.isfile() and member.name not in (MANIFEST, DATA) and path.parts[0] != MEDIA_DIR:
        raise BackupError(f"Okänd fil i arkivet: {member.name}")


def decrypt_if_needed(
    archive_path: Path, workdir: Path, identity_file: str | None, progress: Progress = print
) -> Path:
    """The plain archive: ``archive_path`` itself, or its decryption inside ``workdir``."""
    try:
        encrypted = backup_age.is_encrypted(archive_path)
    except OSError as exc:
        raise BackupError(f"Arkivet går inte att läsa: {exc}") from exc
    if not encrypted:
        return archive_path
    identity_file = identity_file or getattr(settings, "BACKUP_AGE_IDENTITY_FILE", "")
    if not identity_file:
        raise BackupError(
            "Arkivet är krypterat (age): ange den privata nyckelns fil i "
            "BACKUP_AGE_IDENTITY_FILE eller med --identity."
        )
    progress(f"Arkiv: dekrypterar med nyckeln i {identity_file} …")
    plain = workdir / "archive.tar.gz"
    try:
        backup_age.decrypt(archive_path, plain, identity_file)
    except backup_age.AgeError as exc:
        raise BackupError(str(exc)) from exc
    return plain


def unpack_and_verify(archive_path: Path, workdir: Path, progress: Progress = print) -> dict:
    """Extract the archive into ``workdir`` and check it against its manifest; return the manifest."""
    progress(f"Arkiv: packar upp och kontrollerar {archive_path.name} …")
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            members = archive.getmembers()
            for member in members:
                _check_member(member)
            archive.extractall(workdir, members=members, filter="data")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"Arkivet går inte att läsa: {exc}") from exc
    try:
        manifest = json.loads((workdir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"Arkivet saknar en läsbar {MANIFEST}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Okänt arkivformat: {manifest.get('format')!r}")
    if not (workdir / DATA).is_file() or sha256_file(workdir / DATA) != manifest["data_sha256"]:
        raise BackupError(f"Kontrollsumman för {DATA} stämmer inte med manifestet")
    packed = media_checksums(workdir / MEDIA_DIR)
    compare_media(manifest["media"], packed, "i arkivet")
    if extra := sorted(set(packed) - set(manifest["media"])):
        raise BackupError(f"Mediefiler i arkivet som manifestet inte känner till: {extra[:10]}")
    progress(
        f"Arkiv: {DATA} och {len(manifest['media'])} mediefiler stämmer med manifestet "
        f"(taget {manifest['created']} på {manifest['database_vendor']})"
    )
    return manifest


def compare_media(expected: dict[str, str], actual: dict[str, str], where: str) -> None:
    missing = sorted(set(expected) - set(actual))
    wrong = sorted(name for name in expected if name in actual and actual[name] != expected[name])
    problems = [f"saknas: {name}" for name in missing] + [
        f"fel kontrollsumma: {name}" for name in wrong
    ]
    if problems:
        shown = "; ".join(problems[:10]) + (" …" if len(problems) > 10 else "")
        raise BackupError(f"{len(problems)} mediefiler stämmer inte {where}: {shown}")


def compare_counts(expected: dict[str, int], actual: dict[str, int]) -> None:
    wrong = [
        f"{label}: {actual.get(label)} i stället för {count}"
        for label, count in sorted(expected.items())
        if actual.get(label) != count
    ]
    if wrong:
        raise BackupError("Antalet rader stämmer inte med manifestet: " + "; ".join(wrong))


def check_migrations(manifest: dict) -> None:
    """Refuse a dump taken at migrations this code does not have (it came from newer code)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    installed = {config.label for config in apps.get_app_configs()}
    unknown = [
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if app in installed and (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            "Arkivet är taget med migreringar som koden saknar (nyare version?): "
            + ", ".join(unknown[:10])
        )


def database_has_content(using: str = DEFAULT_DB_ALIAS) -> bool:
    """More than what ``migrate`` creates: accounts, real pages, images or documents."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    pages = Page.objects.using(using)
    return (
        get_user_model()._base_manager.using(using).exists()
        or pages.filter(depth__gt=2).exists()
        or pages.exclude(content_type__model="page", content_type__app_label="wagtailcore").exists()
        or get_image_model()._base_manager.using(using).exists()
        or get_document_model()._base_manager.using(using).exists()
    )


def restore_backup(
    archive_path: Path,
    force: bool = False,
    progress: Progress = print,
    using: str = DEFAULT_DB_ALIAS,
    identity_file: str | None = None,
) -> dict:
    """Restore an archive made by ``create_backup`` into this database and media storage."""
    archive_path = Path(archive_path)
    storage = media_storage()
    with tempfile.TemporaryDirectory(prefix="restore-") as tmp:
        workdir = Path(tmp)
        plain = decrypt_if_needed(archive_path, workdir, identity_file, progress)
        unpacked = workdir / "unpacked"
        unpacked.mkdir()
        manifest = unpack_and_verify(plain, unpacked, progress)
        workdir = unpacked
        check_migrations(manifest)

        progress("Databas: migrerar …")
        call_command("migrate", database=using, interactive=False, verbosity=0)
        if database_has_content(using) and not force:
            raise BackupError(
                "Databasen har redan innehåll (konton, sidor, bilder eller dokument). "
                "Återställningen ersätter allt: kör igen med --force om det är meningen."
            )

        # The migrations' own rows (root and "Welcome" pages, default site, root collection,
        # Moderators/Editors groups, locale) would clash with the dump: empty every table and
        # load the dump in the same transaction. flush re-creates content types and permissions
        # through post_migrate; the dump refers to them by natural key.
        progress("Databas: tömmer tabellerna och läser in dumpen …")
        with transaction.atomic(using=using):
            call_command("flush", database=using, interactive=False, verbosity=0)
            call_command("loaddata", str(workdir / DATA), database=using, verbosity=0)
            compare_counts(manifest["counts"], database_counts(manifest["counts"], using))
        progress(f"Databas: {sum(manifest['counts'].values())} rader stämmer med manifestet")

        progress(f"Media: skriver {len(manifest['media'])} filer till {_describe(storage)} …")
        restore_media(workdir / MEDIA_DIR, manifest["media"], storage)
        progress("Media: alla kontrollsummor stämmer")

    progress("Sökindex: bygger om …")
    call_command("search_index", "rebuild", stdout=_Writer(progress))
    call_command("update_index", verbosity=0)  # Wagtail's admin search
    progress("Klart: återställningen är fullständig")
    return manifest


class _Writer:
    """Send a command's output lines to ``progress``."""

    def __init__(self, progress: Progress):
        self.progress = progress

    def write(self, text: str) -> None:
        text = text.rstrip("\n")
        if text:
            self.progress(text)

    def flush(self) -> None:
        pass
