"""A one-page fact sheet of a demo example, written as an OpenDocument text file (ODT).

The demo needs one example with an attachment, and the seeds give no document: so the site
writes one itself, from the facts already on the example's page. ODT is an open standard that
keeps real headings, a list and a document title, so the file is accessible as it is. The
bytes are the same on every run (fixed timestamps), which keeps backups comparable.
"""

import io
import zipfile
from html import escape  # &amp; &lt; &gt; &quot; &#x27;: all valid in XML

MIMETYPE = "application/vnd.oasis.opendocument.text"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""

META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2">
 <office:meta>
  <dc:title>{title}</dc:title>
  <dc:language>sv-SE</dc:language>
 </office:meta>
</office:document-meta>
"""

CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
 <office:body>
  <office:text>
{body}
  </office:text>
 </office:body>
</office:document-content>
"""


def heading(text: str, level: int = 1) -> str:
    return f'<text:h text:outline-level="{level}">{escape(text)}</text:h>'


def paragraph(text: str) -> str:
    return f"<text:p>{escape(text)}</text:p>"


def bullet_list(items: list[str]) -> str:
    entries = "".join(f"<text:list-item>{paragraph(item)}</text:list-item>" for item in items)
    return f"<text:list>{entries}</text:list>"


def fact_sheet(title: str, sections: list[tuple[str, list[str]]], note: str) -> bytes:
    """An ODT file: ``title`` as heading and document title, then each (heading, lines)
    section (one line as a paragraph, several as a list), then ``note``."""
    parts = [heading(title)]
    for section_heading, lines in sections:
        if not lines:
            continue
        parts.append(heading(section_heading, 2))
        parts.append(paragraph(lines[0]) if len(lines) == 1 else bullet_list(lines))
    parts.append(paragraph(note))

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # ODF: "mimetype" first and stored uncompressed, so tools recognise the format.
        archive.writestr(zipfile.ZipInfo("mimetype", FIXED_TIME), MIMETYPE)
        for name, text in (
            ("META-INF/manifest.xml", MANIFEST.format(mimetype=MIMETYPE)),
            ("meta.xml", META.format(title=escape(title))),
            ("content.xml", CONTENT.format(body="\n".join(parts))),
        ):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
