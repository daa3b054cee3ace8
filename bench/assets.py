"""A handful of cover images and attachments that every synthetic example reuses.

Real sites have far fewer images than pages would suggest only at the start; reusing a few keeps
generation fast while the pages still render ``{% picture %}`` renditions and attachment links
exactly as real ones do. Both are found again by title, so a second run creates nothing.
"""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model

from bench.vocabulary import vocabulary
from examples.demo.illustrations import draw_illustration
from examples.models import CustomImage

IMAGE_TITLE = "Syntetisk omslagsbild"
DOCUMENT_TITLE = "Syntetisk bilaga"
IMAGE_COUNT = 8
DOCUMENT_COUNT = 4

# The smallest well-formed PDF: one empty A4 page.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def cover_images() -> list[CustomImage]:
    existing = {
        image.title: image for image in CustomImage.objects.filter(title__startswith=IMAGE_TITLE)
    }
    palettes = vocabulary().palettes
    images = []
    for number in range(1, IMAGE_COUNT + 1):
        name = f"{IMAGE_TITLE} {number}"
        image = existing.get(name)
        if image is None:
            data = draw_illustration(f"syntetisk-{number}", palettes[number % len(palettes)])
            image = CustomImage.objects.create(
                title=name,
                description="Abstrakt illustration med cirklar och band i två färger",
                credit="Illustration ritad av webbplatsen",
                file=ImageFile(io.BytesIO(data), name=f"syntetisk-{number}.png"),
            )
        images.append(image)
    return images


def attachments() -> list:
    Document = get_document_model()
    existing = {doc.title: doc for doc in Document.objects.filter(title__startswith=DOCUMENT_TITLE)}
    documents = []
    for number in range(1, DOCUMENT_COUNT + 1):
        name = f"{DOCUMENT_TITLE} {number}"
        document = existing.get(name)
        if document is None:
            document = Document.objects.create(
                title=name, file=ContentFile(PDF, name=f"syntetisk-bilaga-{number}.pdf")
            )
        documents.append(document)
    return documents
