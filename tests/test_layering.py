"""The apps' dependencies point one way: ``search``, ``opendata`` and ``members`` build on
``examples`` and ``website``, never the reverse.

What ``examples`` needs from the search goes through ``examples.similar``, which the search app
registers with; an import of the search from ``examples`` (even one inside a function, the usual
way to dodge an import cycle) would tie the content model to one search implementation again.
The project wiring (``website/urls.py``, ``website/settings/``) names every app by design.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WIRING = {"website/urls.py"}
# Older uses of ``members`` from the base apps, each to be moved behind an interface like
# ``examples.similar``; no new one may appear.
KNOWN_MEMBERS_IMPORTS = {
    "examples/demo/loader.py",
    "examples/details.py",
    "website/pagecache.py",
}


def imported_modules(tree: ast.AST):
    """Every module an import statement names, wherever the statement is in the file, and
    every literal ``import_module("...")`` argument."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value


def upward_imports(folders, apps, allowed=frozenset()):
    found = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative in WIRING or relative in allowed or "/settings/" in relative:
                continue
            for module in imported_modules(ast.parse(path.read_text("utf-8"))):
                if module.split(".")[0] in apps:
                    found.append(f"{relative}: {module}")
    return found


def test_examples_and_website_never_import_search_or_opendata():
    assert upward_imports(["examples", "website"], {"search", "opendata", "follows"}) == []


def test_no_new_imports_of_members_from_examples_or_website():
    assert upward_imports(["examples", "website"], {"members"}, KNOWN_MEMBERS_IMPORTS) == []


@pytest.mark.parametrize(
    "source",
    [
        "from search.backends import get_backend",
        "def f():\n    import search.backends\n",
        "importlib.import_module('opendata.data')",
    ],
)
def test_the_scan_sees_every_form_of_import(source):
    modules = list(imported_modules(ast.parse(source)))
    assert modules and modules[0].split(".")[0] in {"search", "opendata"}
