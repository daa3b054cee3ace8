"""Checks for what members upload: the type is decided by the file's content, never its name.

Every rejection is a Swedish sentence that says why, shown beside the field.
"""

import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

import filetype
from PIL import Image, UnidentifiedImageError

MB = 1024 * 1024
MAX_IMAGE_BYTES = 10 * MB
MAX_IMAGE_PIXELS = 40_000_000
MAX_DOCUMENT_BYTES = 20 * MB
MAX_ATTACHMENTS = 5
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
# OOXML and ODF documents are zip files; a part inside names what they really are.
ZIP_DOCUMENT_MARKERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed its checks, with the extension its content shows and a safe name."""

    upload: object
    extension: str
    safe_name: str


def safe_filename(name: str, extension: str) -> str:
    """A short, plain file name: no folders, no control or direction characters, ASCII only."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = slugify(stem.replace("å", "a").replace("ä", "a").replace("ö", "o"))[:60] or "fil"
    return f"{stem}.{extension}"


def _head(upload, size=4096) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def check_image(upload) -> CheckedFile:
    if upload.size == 0:
        raise ValidationError(_("Filen är tom. Välj en bild i JPEG-, PNG- eller WebP-format."))
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("Bilden är större än 10 MB. Förminska den och försök igen."))
    head = _head(upload)
    if head.lstrip()[:1] == b"<":
        raise ValidationError(
            _("SVG-bilder och andra textfiler kan inte laddas upp. Använd JPEG, PNG eller WebP.")
        )
    kind = filetype.guess(head)
    if kind is None or kind.mime not in IMAGE_TYPES:
        raise ValidationError(
            _(
                "Filen är inte en JPEG-, PNG- eller WebP-bild. Filtypen avgörs av innehållet, "
                "inte av filnamnet."
            )
        )
    try:
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("Bilden har för många bildpunkter (högst 40 megapixlar). Förminska den.")
                )
            image.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()  # decodes every byte: a truncated file fails here, not on the page
    except Image.DecompressionBombError as error:
        raise ValidationError(
            _("Bilden har för många bildpunkter (högst 40 megapixlar). Förminska den.")
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("Bilden är skadad eller ofullständig och kan inte visas.")
        ) from error
    finally:
        upload.seek(0)
    extension = IMAGE_TYPES[kind.mime]
    return CheckedFile(upload, extension, safe_filename(upload.name, extension))


def document_kind(upload) -> str | None:
    """The document type the bytes show: pdf, docx, xlsx, pptx, odt — or None."""
    head = _head(upload, 8)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
            for kind, marker in ZIP_DOCUMENT_MARKERS.items():
                if marker in names:
                    return kind
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    return None


def check_document(upload) -> CheckedFile:
    name = upload.name
    if upload.size == 0:
        raise ValidationError(_("”%(name)s” är tom.") % {"name": name})
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("”%(name)s” är större än 20 MB.") % {"name": name})
    kind = document_kind(upload)
    if kind is None:
        raise ValidationError(
            _(
                "”%(name)s” är inte en PDF-, Word- (DOCX), Excel- (XLSX), PowerPoint- (PPTX) "
                "eller OpenDocument-fil (ODT). Filtypen avgörs av innehållet."
            )
            % {"name": name}
        )
    return CheckedFile(upload, kind, safe_filename(name, kind))
