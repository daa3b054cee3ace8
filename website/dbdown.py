"""When the database does not answer: a calm Swedish 503 page instead of an error page.

``handler500`` (see ``website/urls.py``) is reached for every uncaught exception once
``DEBUG`` is off, wherever it was raised: in a view, or in a middleware that touched the session
or the user. A database that is down or unreachable (``OperationalError``/``InterfaceError``,
for every backend) gets ``503.html`` with ``Retry-After``; anything else gets the usual
``500.html``. Both templates are plain HTML rendered without a request, so no context processor
(site navigation, settings) runs a query against the database that just failed. The traceback
is logged by Django's ``django.request`` logger as usual, never shown.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from website.security import add_security_headers

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60


def database_unavailable(exception: BaseException | None) -> bool:
    """Whether ``exception`` (or what it was raised from) is the database not answering."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, DATABASE_ERRORS):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


def service_unavailable(request) -> HttpResponse:
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_security_headers(request, response, personal=False)
    return response


@requires_csrf_token
def server_error(request, *args, **kwargs):
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    response = HttpResponseServerError(loader.get_template("500.html").render())
    add_security_headers(request, response, personal=False)
    return response
