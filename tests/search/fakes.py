"""An Elasticsearch server inside the test: a real client whose node answers from memory.

``FakeElasticsearch.client()`` is an ``elasticsearch.Elasticsearch`` like any other, so the
bulk helper, the DSL and our error handling all run for real; only the HTTP exchange is faked.
Switch ``up`` off and every request fails with a connection error, as when the server is down.
"""

from __future__ import annotations

import json

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport._node._base import NodeApiResponse
from elasticsearch import Elasticsearch


class FakeElasticsearch:
    def __init__(self, up: bool = True):
        self.up = up
        self.requests: list[tuple[str, str]] = []
        self.documents: dict[str, dict[str, dict]] = {}  # index -> id -> source
        self.search_response: dict | None = None
        self.search_bodies: list[dict] = []
        # What ``_count`` answers (whether a municipality is named: by default it is).
        self.count_response = 1
        self.count_bodies: list[dict] = []
        self.aliases: dict[str, str] = {}  # alias -> index
        self.on_bulk = None  # called before each bulk request (to simulate concurrent edits)

    def client(self) -> Elasticsearch:
        server = self

        class Node(BaseNode):
            def perform_request(self, method, target, body=None, headers=None, **kwargs):
                return server.handle(self.config, method, target, body)

        return Elasticsearch("http://fake-elasticsearch:9200", node_class=Node, max_retries=0)

    def handle(self, config, method: str, target: str, body: bytes | None):
        self.requests.append((method, target))
        if not self.up:
            raise TransportConnectionError("Connection refused (fake server is down)")
        path = target.split("?")[0]
        status = 200
        parts = [part for part in path.split("/") if part]
        if path.endswith("/_bulk"):
            if self.on_bulk:
                self.on_bulk()
            payload = self._bulk(body or b"")
        elif path.endswith("/_search"):
            self.search_bodies.append(json.loads(body or b"{}"))
            payload = self.search_response or empty_search_response()
        elif path.endswith("/_count"):
            self.count_bodies.append(json.loads(body or b"{}"))
            payload = {"count": self.count_response, "_shards": {"total": 1, "successful": 1}}
        elif parts[:1] == ["_alias"]:
            alias = parts[1]
            if alias in self.aliases:
                payload = {self.aliases[alias]: {"aliases": {alias: {}}}}
            else:
                status, payload = 404, {"error": "alias missing", "status": 404}
        elif path == "/_aliases":
            for action in json.loads(body)["actions"]:
                ((op, spec),) = action.items()
                if op == "add":
                    self.aliases[spec["alias"]] = spec["index"]
                elif self.aliases.get(spec["alias"]) == spec["index"]:
                    del self.aliases[spec["alias"]]
            payload = {"acknowledged": True}
        elif method == "PUT" and len(parts) == 3 and parts[1] in ("_alias", "_aliases"):
            self.aliases[parts[2]] = parts[0]
            payload = {"acknowledged": True}
        elif method == "PUT" and len(parts) == 1:
            self.documents.setdefault(parts[0], {})
            self.created = getattr(self, "created", []) + [(parts[0], json.loads(body))]
            payload = {"acknowledged": True, "index": parts[0]}
        elif method == "DELETE" and len(parts) == 1:
            for name in parts[0].split(","):
                self.documents.pop(name, None)
            payload = {"acknowledged": True}
        elif method == "GET" and len(parts) == 1:
            prefix = parts[0].rstrip("*")
            payload = {name: {} for name in self.documents if name.startswith(prefix)}
        else:
            payload = {"acknowledged": True}
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders(
                {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
            ),
            duration=0.0,
            node=config,
        )
        return NodeApiResponse(meta, json.dumps(payload).encode())

    def _bulk(self, body: bytes) -> dict:
        lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        items = []
        i = 0
        while i < len(lines):
            action = lines[i]
            ((op, meta),) = action.items()
            name = self.aliases.get(meta["_index"], meta["_index"])
            index = self.documents.setdefault(name, {})
            if op == "delete":
                found = index.pop(str(meta["_id"]), None) is not None
                items.append({op: {"_id": meta["_id"], "status": 200 if found else 404}})
                i += 1
            else:
                index[str(meta["_id"])] = lines[i + 1]
                items.append({op: {"_id": meta["_id"], "status": 201}})
                i += 2
        return {"took": 1, "errors": False, "items": items}


def empty_search_response(**extra) -> dict:
    from search.facets import FACETS

    return {
        "took": 1,
        "timed_out": False,
        "hits": {"total": {"value": 0, "relation": "eq"}, "max_score": None, "hits": []},
        "aggregations": {
            facet.param: {"doc_count": 0, "values": {"buckets": []}} for facet in FACETS
        },
        **extra,
    }
