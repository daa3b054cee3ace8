"""Where members' checked uploads go: Wagtail images and documents in their own collection."""

import os

from django.core.files.base import File

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

COLLECTION_NAME = "Medlemmarnas uppladdningar"


def members_collection():
    existing = Collection.objects.filter(name=COLLECTION_NAME).first()
    if existing:
        return existing
    return Collection.get_first_root_node().add_child(name=COLLECTION_NAME)


def store_image(checked, user, alt_text):
    image_model = get_image_model()
    checked.upload.seek(0)
    return image_model.objects.create(
        title=checked.safe_name.rsplit(".", 1)[0],
        description=alt_text,
        file=File(checked.upload, name=checked.safe_name),
        collection=members_collection(),
        uploaded_by_user=user,
    )


def image_in_use(image) -> bool:
    """Whether any example, live or in any revision, has this image as its cover."""
    from wagtail.models import Revision

    from examples.models import ExamplePage

    return (
        ExamplePage.objects.filter(cover_image=image).exists()
        or Revision.objects.filter(content__cover_image=image.pk).exists()
    )


def copy_image(image, user, alt_text):
    """A private copy of ``image`` (its own file) with another alt text; see services."""
    with image.open_file() as source:
        return get_image_model().objects.create(
            title=image.title,
            description=alt_text,
            credit=image.credit,
            file=File(source, name=os.path.basename(image.file.name)),
            collection=members_collection(),
            uploaded_by_user=user,
        )


def load_image(ids, user):
    if not ids:
        return None
    return get_image_model().objects.filter(pk__in=ids, uploaded_by_user=user).first()


def store_document(checked, user):
    checked.upload.seek(0)
    return get_document_model().objects.create(
        title=checked.title,
        file=File(checked.upload, name=checked.safe_name),
        collection=members_collection(),
        uploaded_by_user=user,
    )


def load_documents(ids, user):
    if not ids:
        return []
    found = {
        d.pk: d for d in get_document_model().objects.filter(pk__in=ids, uploaded_by_user=user)
    }
    return [found[i] for i in ids if i in found]
