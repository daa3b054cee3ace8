"""One JSON line per request, and log records as JSON, for production's log collector.

Production (``website/settings/production.py``) puts ``RequestLogMiddleware`` first, so the
duration covers every middleware, a page served from the cache included, and formats every
record with ``JsonFormatter``. The line holds what an operator needs to follow traffic and
errors across servers (method, path, status, duration, user id) and nothing a visitor typed
into a query string, which may hold a search or a token: the path only.
"""

import json
import logging
import time
from datetime import UTC, datetime

from django.utils.functional import empty

logger = logging.getLogger("website.requests")

# The attributes every LogRecord has; anything else was passed with ``extra=`` and is kept.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """A record as one JSON object: time, level, logger, message, the ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _user_id(request):
    """The signed-in user's id, None for visitors; never loads a user no view asked for."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    """Logs each request at INFO on ``website.requests`` once the response is ready."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - start) * 1000, 1),
                "user_id": _user_id(request),
            },
        )
        return response
