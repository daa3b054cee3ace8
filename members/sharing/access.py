"""Who may see a member's upload: nobody but its owner and the editors, until it is published.

Members' images and documents live in the collection "Medlemmarnas uppladdningar"
(``storage.py``). Such a file is *public* only while the live version of a live, public
example uses it (as its cover image, or as an attachment). Every version of a page that is not
live exists only as a revision, so the page rows answer that question: a draft, an example in
review, a rejected or withdrawn one, a draft edit's new file, and anything under a view
restriction stay private. Files elsewhere (editors' own uploads in the admin) are public; an
editor releases a member's file for other use by moving it to another collection.

A private file is served only to the member who uploaded it and to editors whose session
passed the TOTP step (they review it in the admin); everyone else gets 404, as for a file
that does not exist. Documents are checked in the ``before_serve_document`` hook
(``members/wagtail_hooks.py``), images in the view that serves ``MEDIA_URL``
(``members/sharing/media.py``); the page cache skips saves of private files (no page shows them).
"""

from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Collection

from members.sharing.storage import COLLECTION_NAME


def is_member_upload(obj) -> bool:
    """Whether the image or document is in the members' collection."""
    return Collection.objects.filter(pk=obj.collection_id, name=COLLECTION_NAME).exists()


def used_on_public_page(obj) -> bool:
    """Whether a live, public example shows the image or document in its live version."""
    from examples.listing import live_examples
    from examples.models import ExampleAttachment

    if isinstance(obj, AbstractImage):
        return live_examples().filter(cover_image=obj).exists()
    return ExampleAttachment.objects.filter(
        document=obj, page__in=live_examples().values("pk")
    ).exists()


def is_public(obj) -> bool:
    return not is_member_upload(obj) or used_on_public_page(obj)


def is_private_upload(obj) -> bool:
    """A member's image or document that no public page shows (for the page cache)."""
    if not isinstance(obj, AbstractImage | AbstractDocument) or obj.pk is None:
        return False
    return not is_public(obj)


def may_see_private(request, obj) -> bool:
    """The uploader, or an editor who logged in with the TOTP step."""
    from members.accounts.mfa import has_admin_access, session_passed_mfa

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if obj.uploaded_by_user_id == user.pk:
        return True
    return has_admin_access(user) and session_passed_mfa(request)
