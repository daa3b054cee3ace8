"""The level facet ("Nivå": Delat / Bedömt) in the search, kept true after a publication;
sorting never puts assessed examples first unless the visitor filters on them."""

import pytest

from search.indexing import build_source
from tests.assessments.test_pages import publish

pytestmark = pytest.mark.django_db


def test_an_examples_level_is_in_its_index_document(example, editor, assessor_a, criteria):
    assert build_source(example)["facets"]["niva"] == ["delat"]
    publish(example, editor, assessor_a, criteria)
    assert build_source(example)["facets"]["niva"] == ["bedomt"]


def test_the_facet_filters_and_counts_after_the_publication(
    client, example, editor, assessor_a, criteria, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(example, editor, assessor_a, criteria)
    page = client.get("/sok/?niva=bedomt").content.decode()
    assert example.title in page
    assert "Nivå" in page and "Bedömt" in page
    others = client.get("/sok/?niva=delat").content.decode()
    assert example.title not in others


def test_sorting_does_not_favour_assessed_examples(
    client, example, editor, assessor_a, criteria, django_capture_on_commit_callbacks
):
    from django.http import QueryDict

    from search.backends import run_search
    from search.forms import parse_params

    before = [h.page_id for h in run_search(parse_params(QueryDict()))[0].hits]
    with django_capture_on_commit_callbacks(execute=True):
        publish(example, editor, assessor_a, criteria)
    after = [h.page_id for h in run_search(parse_params(QueryDict()))[0].hits]
    assert after == before
