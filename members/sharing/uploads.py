"""Checks for what members upload: the type is decided by the file's content, never its name.

Every rejection is a Swedish sentence that says why, shown beside the field.
"""

import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

import filetype
from PIL import Image

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
MAX_TITLE_LENGTH = 100  # characters of a file name shown on a page
TOO_MANY_PIXELS = _lazy("Bilden har för många bildpunkter (högst 40 megapixlar). Förminska den.")


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed its checks: the extension its content shows, a safe file name for
    storage and a readable title for the page (both ending in that extension)."""

    upload: object
    extension: str
    safe_name: str
    title: str


def display_name(name: str) -> str:
    """The member's file name as it may be shown: its last part only, with no control, format
    (bidi overrides and isolates), private-use or separator characters, and bounded in length.

    Django's upload parser already drops folders and unprintable characters from names it
    receives; this holds for any name, however the file arrived.
    """
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(
        " " if unicodedata.category(ch)[0] == "Z" else ch
        for ch in base
        if unicodedata.category(ch)[0] != "C"
    )
    base = " ".join(base.split()).lstrip(". ")
    if len(base) > MAX_TITLE_LENGTH:
        stem, dot, extension = base.rpartition(".")
        if not dot or len(extension) > 10:
            stem, extension = base, ""
        base = stem[: MAX_TITLE_LENGTH - len(extension) - 2].rstrip() + "…" + (dot + extension)
    return base or _("namnlös fil")


def _stem(name: str) -> str:
    base = display_name(name)
    return base.rsplit(".", 1)[0] if "." in base else base


def safe_filename(name: str, extension: str) -> str:
    """A short, plain file name: no folders, no control or direction characters, ASCII only."""
    stem = _stem(name).replace("å", "a").replace("ä", "a").replace("ö", "o")
    return f"{slugify(stem)[:60].strip('-_') or 'fil'}.{extension}"


def file_title(name: str, extension: str) -> str:
    """The name shown as the link text: the member's own words, with the content's extension."""
    stem = _stem(name).strip() or _("Bilaga")
    return f"{stem}.{extension}"


# The file name endings each content type may arrive under. A name that says one type while the
# bytes are another (a PNG named .jpg, a PDF named .exe, a right-to-left override that hides
# ".exe") is refused: it is the classic disguise, and the member can rename the file in seconds.
ACCEPTED_ENDINGS = {
    "jpg": {"jpg", "jpeg", "jpe", "jfif"},
    "png": {"png"},
    "webp": {"webp"},
    "pdf": {"pdf"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "pptx": {"pptx"},
    "odt": {"odt"},
}
KIND_NAMES = {
    "jpg": "JPEG-bild",
    "png": "PNG-bild",
    "webp": "WebP-bild",
    "pdf": "PDF-fil",
    "docx": "Word-fil (DOCX)",
    "xlsx": "Excel-fil (XLSX)",
    "pptx": "PowerPoint-fil (PPTX)",
    "odt": "OpenDocument-fil (ODT)",
}


def name_ending(name: str) -> str:
    """The ending of the name as shown (after control and bidi characters are dropped)."""
    base = display_name(name)
    return base.rsplit(".", 1)[1].lower() if "." in base.lstrip(".") else ""


def check_name_matches_content(upload, extension: str) -> None:
    ending = name_ending(upload.name)
    if ending and ending not in ACCEPTED_ENDINGS[extension]:
        raise ValidationError(
            _(
                "”%(name)s” heter .%(ending)s men är en %(kind)s. Byt filändelse till "
                ".%(extension)s och ladda upp filen igen."
            )
            % {
                "name": display_name(upload.name),
                "ending": ending,
                "kind": KIND_NAMES[extension],
                "extension": extension,
            }
        )


def checked(upload, extension: str) -> CheckedFile:
    check_name_matches_content(upload, extension)
    return CheckedFile(
        upload,
        extension,
        safe_filename(upload.name, extension),
        file_title(upload.name, extension),
    )


def _head(upload, size=4096) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _decode(upload):
    """Open the image from its header, refuse it before decoding if it is too big or animated,
    then decode every byte, so a broken file fails here and not later on the public page."""
    try:
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(TOO_MANY_PIXELS)
            if getattr(image, "n_frames", 1) > 1:
                raise ValidationError(
                    _("Animerade bilder kan inte laddas upp. Välj en stillbild som omslagsbild.")
                )
            image.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(TOO_MANY_PIXELS) from error
    except Exception as error:  # Pillow's parsers raise many kinds of error on hostile bytes
        raise ValidationError(
            _("Bilden är skadad eller ofullständig och kan inte visas.")
        ) from error


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
        _decode(upload)
    finally:
        upload.seek(0)
    return checked(upload, IMAGE_TYPES[kind.mime])


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
            if "mimetype" in names:
                # Read only as much as the marker needs: the entry may inflate to gigabytes.
                with archive.open("mimetype") as entry:
                    if entry.read(len(ODT_MIMETYPE) + 2).strip() == ODT_MIMETYPE:
                        return "odt"
            for kind, marker in ZIP_DOCUMENT_MARKERS.items():
                if marker in names:
                    return kind
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, RuntimeError, ValueError):
        # Broken, encrypted or oddly compressed archives are simply not documents.
        return None
    finally:
        upload.seek(0)
    return None


def check_document(upload) -> CheckedFile:
    name = display_name(upload.name)
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
    return checked(upload, kind)
