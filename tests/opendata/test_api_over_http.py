"""The API held to its OpenAPI document over real HTTP: schemathesis loads the document from a
running server and sends its generated requests through sockets, with every check it has.

``test_api.py`` does the same through WSGI, which skips what only a server does: HTTP parsing,
``Content-Length``, ``HEAD`` without a body, the headers our middleware adds on the way out. The
server here is the one ``manage.py runserver`` uses (``django.core.servers.basehttp``), run in a
thread on a free port, sharing the test's database connection, so it answers from the demo site
and the test's own rows, all rolled back afterwards. It handles one request at a time: the
connection is never used by two threads at once.
"""

import contextlib
import http.client
import logging
import threading
from urllib.parse import urlsplit

from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, assume, given, settings
from schemathesis.checks import CHECKS, load_all_checks

from search.paging import beyond_window

pytestmark = pytest.mark.django_db

API = "/api/v1"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def server(demo):
    """A running server's base URL (``http://127.0.0.1:<port>``)."""
    connection = connections["default"]
    connection.inc_thread_sharing()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    httpd = WSGIServer(("127.0.0.1", 0), QuietHandler, ipv6=False, allow_reuse_address=False)
    httpd.set_app(WSGIHandler())

    def serve():
        connections["default"] = connection
        httpd.serve_forever(poll_interval=0.05)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    logging.getLogger("django.server").disabled = True
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
        logging.getLogger("django.server").disabled = False
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        connection.dec_thread_sharing()


def all_checks():
    load_all_checks()
    return CHECKS.get_all()


def test_every_operation_conforms_over_http(server, contact_example):
    schema = schemathesis.openapi.from_url(f"{server}{API}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {f"{API}/exempel/", f"{API}/taggar/"}
    checks = all_checks()
    for operation in operations:
        examples = 25 if operation.path == f"{API}/exempel/" else 3

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # The result window is a rule across two parameters, which the schema cannot hold
            # (a documented 400; tests/opendata/test_api.py).
            query = case.query or {}
            with contextlib.suppress(KeyError, TypeError, ValueError):
                assume(not beyond_window(int(query["sida"]), int(query.get("per_sida", 20))))
            case.call_and_validate(checks=checks, timeout=30)

        check()


def request(base: str, method: str, path: str, headers=None):
    """One request over a socket: (status, headers, body)."""
    connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=30)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def test_a_real_server_answers_head_cors_and_304(server):
    """What only a server shows: HEAD has no body, and the validators survive the wire."""
    path = f"{API}/lan/"
    status, headers, body = request(server, "GET", path, {"Origin": "https://example.org"})
    assert status == 200 and body
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, _headers, body = request(server, "HEAD", path)
    assert status == 200 and body == b""
    status, _headers, body = request(server, "GET", path, {"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""
