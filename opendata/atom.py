"""What every Atom feed of the site shares: valid XML, permanent ids, conditional GET.

* **Valid whatever is stored.** XML 1.0 forbids most control characters, and Django's feed
  generator refuses to write one (a 500 for every reader of the feed): ``CleanAtom1Feed``
  passes every string through ``website.text.clean_text`` first.
* **Permanent ids.** An entry's id is a ``tag:`` URI (RFC 4151) made of the site's host, a
  fixed date and the page's id (``tag:goda-exempel.se,2026:exempel/42``), never its URL: a new
  slug or a moved page is not a new entry, so readers do not show the example again.
* **Conditional GET.** Each feed answers ``If-None-Match`` (an ETag of the content) and
  ``If-Modified-Since`` (``Last-Modified``, the newest entry's date, set by Django's ``Feed``)
  with 304, as ``ConditionalGetMiddleware`` would; the page cache answers them the same way for
  a cached feed (``website.pagecache``).
"""

from django.contrib.syndication.views import Feed
from django.middleware.http import ConditionalGetMiddleware
from django.utils.feedgenerator import Atom1Feed

from website import siteurl
from website.text import clean_data

# The date in every tag URI: when the site's host first named these feeds. Never change it.
TAG_DATE = "2026"
_conditional = ConditionalGetMiddleware(get_response=lambda request: None)


def tag_uri(specific: str) -> str:
    """A permanent id on the site's host, e.g. ``tag_uri("exempel/42")``."""
    return f"tag:{siteurl.address().hostname},{TAG_DATE}:{specific}"


class CleanAtom1Feed(Atom1Feed):
    """Atom that never holds a character XML 1.0 forbids, whatever the database holds."""

    def write(self, outfile, encoding):
        self.feed = clean_data(self.feed)
        self.items = [clean_data(item) for item in self.items]
        super().write(outfile, encoding)


class AtomFeed(Feed):
    """The base of the site's feeds: clean Atom, answered with 304 when the reader is current."""

    feed_type = CleanAtom1Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        return _conditional.process_response(request, response)
