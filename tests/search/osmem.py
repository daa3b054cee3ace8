"""A live HTTP search server for the tests: osmem-server, and the client configuration it needs.

osmem-server (PyPI ``osmem-server``) is an in-memory Elasticsearch/OpenSearch-compatible server
shipped as one static binary, so the integration suite runs on any machine with no JVM and no
Docker. Two things differ from Elasticsearch and are handled here, for the tests only:

* it answers 406 to the vendor media type the 8.x client sends
  (``application/vnd.elasticsearch+json; compatible-with=8``), so ``JsonNode`` sends plain
  ``application/json`` (``application/x-ndjson`` for bulk); production keeps the client's
  defaults;
* it ignores some Swedish analysis filters (decompounder, synonym graph, Scandinavian
  normalisation), so relevance on it is not tested; lifecycle, bulk, aliases, queries, facets,
  highlights, suggestions and ``search_index check`` are.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from contextlib import contextmanager

from elastic_transport import Urllib3HttpNode
from elasticsearch import Elasticsearch

VENDOR_TYPES = {
    "application/vnd.elasticsearch+json; compatible-with=8": "application/json",
    "application/vnd.elasticsearch+x-ndjson; compatible-with=8": "application/x-ndjson",
}


class JsonNode(Urllib3HttpNode):
    """The client's HTTP node, sending the generic media types instead of the vendor ones."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers is not None:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers:
                    headers[name] = VENDOR_TYPES.get(headers[name], headers[name])
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


def client(url: str) -> Elasticsearch:
    """A client for an osmem-server, configured like production apart from the media types."""
    return Elasticsearch(url, node_class=JsonNode, request_timeout=10, max_retries=0)


@contextmanager
def _stderr_to(path: str):
    """Let a child process started inside write its standard error to ``path``.

    The server warns on stderr about each analysis filter it ignores; tests print nothing.
    """
    saved = os.dup(2)
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def start_server():
    """Start osmem-server on a free 127.0.0.1 port; raises when it cannot start."""
    from osmem_server import OsmemServer

    log = os.path.join(tempfile.gettempdir(), f"osmem-server-{os.getpid()}.log")
    with _stderr_to(log):
        return OsmemServer.start(japanese=False, addr="127.0.0.1:0", startup_timeout=20)


STARTUP_ERRORS = (ImportError, OSError, RuntimeError, subprocess.SubprocessError)
