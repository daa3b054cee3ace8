"""Demo steps that apps built on ``examples`` add to ``load_demo_content``.

The demo loader cannot import those apps (``tests/test_layering.py``); each registers a step
from its ``AppConfig.ready()``, and the loader runs them, in name order, after its own content.
A step is ``step(loader)`` and must be idempotent, like the loader.
"""

from __future__ import annotations

from collections.abc import Callable

_steps: dict[str, Callable] = {}


def register(name: str, step: Callable) -> None:
    _steps[name] = step


def registered() -> list[tuple[str, Callable]]:
    return sorted(_steps.items())
