"""Which axe rules every browser test applies (issue 15: "add the rules it leaves out as
experimental, such as label-content-name-mismatch").

The other browser tests pass when axe finds nothing, which they would also do if a rule never
ran; these fixed documents prove that ``axe_violations`` reports the experimental WCAG rules
and leaves out the experimental rules that are only best practice.
"""

from __future__ import annotations

import pytest

from .conftest import axe_violations

pytestmark = pytest.mark.browser

DOCUMENT = """<!DOCTYPE html>
<html lang="sv"><head><title>Regler</title></head><body><main><h1>Regler</h1>{}</main></body></html>
"""


def rule_ids(page, body: str) -> set[str]:
    page.set_content(DOCUMENT.format(body))
    return {violation["id"] for violation in axe_violations(page)}


def test_a_visible_label_missing_from_the_accessible_name_is_reported(page):
    """WCAG 2.5.3: a speech user says what they see ("Läs mer"), the name must contain it."""
    ids = rule_ids(page, '<p><a href="/x/" aria-label="Gå till exemplet">Läs mer</a></p>')
    assert "label-content-name-mismatch" in ids
    named = '<p><a href="/x/" aria-label="Läs mer om BarnSäkert">Läs mer</a></p>'
    assert rule_ids(page, named) == set()


def test_a_data_cell_without_a_header_is_reported(page):
    """WCAG 1.3.1 (td-has-header, experimental): a large table's cells need their headers."""
    rows = "".join(
        f"<tr>{''.join(f'<td>{row}-{col}</td>' for col in range(4))}</tr>" for row in range(4)
    )
    assert "td-has-header" in rule_ids(page, f"<table>{rows}</table>")


def test_experimental_rules_that_are_only_best_practice_are_not_the_bar(page):
    """focus-order-semantics flags a focusable element without an interactive role."""
    assert rule_ids(page, '<div tabindex="0">Fokuserbar text</div>') == set()
