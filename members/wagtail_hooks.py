"""Wagtail hooks of the members app: members' documents stay private until published."""

from django.http import Http404

from wagtail import hooks

from members.sharing.access import is_public, may_see_private


@hooks.register("before_serve_document")
def serve_member_documents_only_when_published(document, request):
    """A member's attachment is downloadable only while a live, public example shows it
    (``members/sharing/access.py``); to anyone else it does not exist."""
    if is_public(document) or may_see_private(request, document):
        return None
    raise Http404
