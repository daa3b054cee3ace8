"""Where members' checked uploads go: Wagtail images and documents in their own collection."""

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
