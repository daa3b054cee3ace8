"""Hostile input, generated in code: bad uploads, awkward file names and an XSS corpus.

Nothing here is a stored binary: every file is built from bytes or drawn with Pillow when a test
asks for it, so the repository holds no samples and each case says in code what makes it bad.
"""

import io
import struct
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser

from PIL import Image

MB = 1024 * 1024

# ----------------------------------------------------------------------------------------------
# Files
# ----------------------------------------------------------------------------------------------


def png(size=(64, 48), color=(20, 110, 70)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg(size=(64, 48), color=(200, 80, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def pixel_bomb(width=30_000, height=30_000) -> bytes:
    """A PNG of a few hundred bytes whose header claims width × height pixels.

    Decoding it would need gigabytes of memory; the header alone must be enough to refuse it.
    """
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    row = b"\x00" + b"\x00" * (3 * min(width, 1024))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(row * 4))
        + _png_chunk(b"IEND", b"")
    )


def psd() -> bytes:
    """The start of a Photoshop file: signature, version 1, three channels."""
    return b"8BPS\x00\x01" + b"\x00" * 6 + struct.pack(">HIIHH", 3, 64, 64, 8, 3) + b"\x00" * 200


def svg_with_script() -> bytes:
    return (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
    )


def html_page() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def truncated_jpeg() -> bytes:
    whole = jpeg(size=(400, 300))
    return whole[: len(whole) // 2]


def animated_gif(frames=200) -> bytes:
    """A GIF animation of many frames whose header claims a 65535 × 65535 canvas.

    Small on disk, billions of pixels once decoded: a browser or an image library that trusts
    the header would try to allocate them for every frame.
    """
    images = [Image.new("RGB", (64, 64), (i % 256, 255 - i % 256, 90)) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:], duration=20)
    data = bytearray(buffer.getvalue())
    data[6:10] = struct.pack("<HH", 0xFFFF, 0xFFFF)  # the logical screen width and height
    return bytes(data)


def animated_webp(size=(400, 300), frames=30) -> bytes:
    """An animated WebP: the right type, but a cover image is a still picture."""
    images = [Image.new("RGB", size, (i * 8 % 256, 90, 120)) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="WEBP", save_all=True, append_images=images[1:], duration=40)
    return buffer.getvalue()


def pdf(extra: bytes = b"") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n" + extra
    )


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hej")
    return buffer.getvalue()


def odt_zip_bomb(size=200 * MB) -> bytes:
    """An ODF-looking zip whose "mimetype" entry inflates to ``size`` bytes (from ~200 kB)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("mimetype", "w", force_zip64=True) as entry,
    ):
        for _ in range(size // MB):
            entry.write(b"\x00" * MB)
    return buffer.getvalue()


def windows_program() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"PE\x00\x00" + b"\x00" * 200


def oversize_pdf(limit: int) -> bytes:
    return pdf(b"%" + b"0" * (limit + 1))


# ----------------------------------------------------------------------------------------------
# The bad uploads
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BadUpload:
    """One hostile upload: which field it goes to, its name and bytes, and what the member reads."""

    case: str
    field: str  # "cover_image" or "attachments"
    name: str
    content: object  # bytes, or a callable that makes them (built only when the test runs)
    message: str  # a part of the Swedish sentence shown beside the field

    def data(self) -> bytes:
        return self.content() if callable(self.content) else self.content


NOT_AN_IMAGE = "inte en JPEG-, PNG- eller WebP-bild"
NOT_A_DOCUMENT = "är inte en PDF-, Word- (DOCX), Excel- (XLSX), PowerPoint- (PPTX)"

BAD_UPLOADS = [
    BadUpload("pixel bomb", "cover_image", "bomb.png", pixel_bomb, "för många bildpunkter"),
    BadUpload(
        "48 megapixels in a tiny file",
        "cover_image",
        "stor.png",
        lambda: pixel_bomb(8000, 6000),
        "för många bildpunkter",
    ),
    BadUpload("PSD renamed .jpg", "cover_image", "bild.jpg", psd, NOT_AN_IMAGE),
    BadUpload("SVG with a script", "cover_image", "logga.svg", svg_with_script, "SVG-bilder"),
    BadUpload("SVG renamed .jpg", "cover_image", "logga.jpg", svg_with_script, "SVG-bilder"),
    BadUpload("HTML renamed .jpg", "cover_image", "bild.jpg", html_page, "textfiler"),
    BadUpload("zero-byte image", "cover_image", "tom.jpg", b"", "Filen är tom"),
    BadUpload(
        "truncated JPEG", "cover_image", "trasig.jpg", truncated_jpeg, "skadad eller ofullständig"
    ),
    BadUpload("huge animated GIF", "cover_image", "animation.gif", animated_gif, NOT_AN_IMAGE),
    BadUpload("animated WebP", "cover_image", "animation.webp", animated_webp, "Animerade bilder"),
    BadUpload(
        "oversize image",
        "cover_image",
        "stor.jpg",
        lambda: jpeg() + b"\x00" * (10 * MB + 1),
        "större än 10 MB",
    ),
    BadUpload(
        "program behind a right-to-left override",
        "cover_image",
        "bild\u202egpj.exe",
        windows_program,
        NOT_AN_IMAGE,
    ),
    BadUpload(".exe document", "attachments", "program.exe", windows_program, NOT_A_DOCUMENT),
    BadUpload(
        "program renamed .pdf", "attachments", "rapport.pdf", windows_program, NOT_A_DOCUMENT
    ),
    BadUpload(".html document", "attachments", "sida.html", html_page, NOT_A_DOCUMENT),
    BadUpload("HTML renamed .docx", "attachments", "plan.docx", html_page, NOT_A_DOCUMENT),
    BadUpload("zip renamed .docx", "attachments", "plan.docx", plain_zip, NOT_A_DOCUMENT),
    BadUpload("zero-byte document", "attachments", "tom.pdf", b"", "är tom"),
    BadUpload(
        "oversize document",
        "attachments",
        "stor.pdf",
        lambda: oversize_pdf(20 * MB),
        "är större än 20 MB",
    ),
    BadUpload("zip bomb as ODT", "attachments", "bomb.odt", odt_zip_bomb, NOT_A_DOCUMENT),
    BadUpload("PNG renamed .jpg", "cover_image", "bild.jpg", png, "heter .jpg men är en PNG-bild"),
    BadUpload(
        "PDF renamed .exe", "attachments", "rapport.exe", pdf, "heter .exe men är en PDF-fil"
    ),
    BadUpload(
        "image behind a right-to-left override",
        "cover_image",
        "bild\u202egpj.exe",
        jpeg,
        "”bildgpj.exe” heter .exe men är en JPEG-bild",
    ),
    BadUpload(
        "path traversal to a program",
        "attachments",
        "..\\..\\windows\\system32\\x.pdf",
        windows_program,
        NOT_A_DOCUMENT,
    ),
]


@dataclass(frozen=True)
class OddName:
    """A good file under a hostile name: stored, but only under a safe name."""

    case: str
    field: str
    name: str
    content: object
    extension: str  # what the stored name must end with: the content's type

    def data(self) -> bytes:
        return self.content() if callable(self.content) else self.content


LONG_STEM = "mycket-langt-filnamn-" * 16  # 336 characters

ODD_NAMES = [
    OddName("path traversal", "cover_image", "../../etc/passwd.jpg", jpeg, "jpg"),
    OddName("absolute path", "cover_image", "/var/www/index.jpg", jpeg, "jpg"),
    OddName("backslash traversal", "attachments", "..\\x.pdf", pdf, "pdf"),
    OddName("bidi isolates", "attachments", "plan\u2067\u2066fdp.exe\u2069.pdf", pdf, "pdf"),
    OddName("very long name", "cover_image", LONG_STEM + ".jpg", jpeg, "jpg"),
    OddName("very long document name", "attachments", LONG_STEM + ".docx", docx, "docx"),
    OddName("NUL byte", "cover_image", "bild\x00.php.jpg", jpeg, "jpg"),
    OddName("control characters", "attachments", "plan\x1b[31m\x07\r\n.pdf", pdf, "pdf"),
    OddName("markup in the name", "attachments", '"><img src=x onerror=alert(1)>.pdf', pdf, "pdf"),
]

# Characters that never belong in a stored name or a title shown to visitors.
FORBIDDEN_IN_NAMES = [
    "/",
    "\\",
    "\x00",
    "\x1b",
    "\x07",
    "\r",
    "\n",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u2067",
    "\u2069",
    "..",
    "<",
    ">",
    '"',
]


# ----------------------------------------------------------------------------------------------
# A multipart body written by hand
# ----------------------------------------------------------------------------------------------


def _quote_filename(name: str) -> bytes:
    # Written the way a browser (or an attacker's script) sends it: UTF-8, quotes escaped, and
    # control characters left in, so that the server, not the client, has to deal with them.
    return name.replace('"', "%22").encode("utf-8")


def multipart(fields: dict, files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """Encode a form post, keeping file names byte for byte.

    Django's test client takes only the last part of a file's name (``os.path.basename``), so
    a name like ``../../etc/passwd.jpg`` would never reach the server through it.
    """
    boundary = uuid.uuid4().hex
    lines: list[bytes] = []
    for name, value in fields.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            lines += [
                f"--{boundary}".encode(),
                f'Content-Disposition: form-data; name="{name}"'.encode(),
                b"",
                str(item).encode("utf-8"),
            ]
    for field, filename, content in files:
        lines += [
            f"--{boundary}".encode(),
            b'Content-Disposition: form-data; name="'
            + field.encode()
            + b'"; filename="'
            + _quote_filename(filename)
            + b'"',
            b"Content-Type: application/octet-stream",
            b"",
            content,
        ]
    lines += [f"--{boundary}--".encode(), b""]
    return b"\r\n".join(lines), f"multipart/form-data; boundary={boundary}"


# ----------------------------------------------------------------------------------------------
# XSS
# ----------------------------------------------------------------------------------------------

# Each payload would run script, or load something, if it reached the page unescaped.
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    '<a href="javascript:alert(1)">klicka</a>',
    '<a href="data:text/html,<script>alert(1)</script>">klicka</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<details open ontoggle=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "{{7*7}}{% debug %}${7*7}",
]

# The same payloads joined with a marker, for fields that take one value.
XSS_ONE_LINE = " ".join(XSS_PAYLOADS)

# What must never appear in a page that shows the corpus.
EXECUTABLE_MARKERS = [
    "<script>alert",
    "<img src=x onerror",
    "<svg onload",
    "<iframe",
    "<details open ontoggle",
    'href="javascript:',
    "href='javascript:",
    'href="data:',
    "href='data:",
    'src="javascript:',
    "</textarea><script>",
]


# ----------------------------------------------------------------------------------------------
# Reading a page the way a browser would
# ----------------------------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
FOREIGN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
TEXT_ATTRIBUTES = {"alt", "value", "title", "aria-label", "content"}


class _PageReader(HTMLParser):
    """Collects what in a page could run or load something, and everything it shows as text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text: list[str] = []
        self._inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in FOREIGN_ELEMENTS:
            self.found.append(f"<{tag}>")
        if tag == "script":
            src = attributes.get("src")
            if src is not None and not src.startswith("/static/"):
                self.found.append(f"<script src={src!r}>")
            self._inline_script = src is None and attributes.get("type") != "application/ld+json"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            squeezed = "".join(ch for ch in value if ch.isprintable() and not ch.isspace()).lower()
            if name in URL_ATTRIBUTES and squeezed.startswith(DANGEROUS_SCHEMES):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and ("expression(" in squeezed or "javascript:" in squeezed):
                self.found.append(f"<{tag} style={value!r}>")
            if name in TEXT_ATTRIBUTES:
                self.text.append(value)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._inline_script = False

    def handle_endtag(self, tag):
        if tag == "script":
            self._inline_script = False

    def handle_data(self, data):
        if self._inline_script and data.strip():
            self.found.append(f"<script>{data.strip()[:60]}</script>")
        else:
            self.text.append(data)


def executable_parts(html: str) -> list[str]:
    """Every element, attribute or link in ``html`` that would run script or load a frame."""
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    return reader.found


def text_of(html: str) -> str:
    """What ``html`` shows as text (and in alt texts and form values), whitespace collapsed."""
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    return " ".join(" ".join(reader.text).split())
