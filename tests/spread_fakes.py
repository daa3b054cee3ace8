"""A fake source of places for the tests of where examples run (``examples.spread``).

The ``adoptions`` app registers the real provider; the tests put this one in its place, which
answers from memory in no query, so a test states exactly where an example runs (the demo's own
spread places included: they are the real provider's).
"""

from __future__ import annotations

from examples import spread
from examples.models import Municipality


def provided_places():
    """``provided[example_id] = [Place, …]``: what the fake provider answers. A test module
    makes it its fixture with ``provided = pytest.fixture(provided_places)``."""
    places: dict[int, list[spread.Place]] = {}

    def provider(example_ids):
        return [place for pk in example_ids for place in places.get(pk, [])]

    real = dict(spread._providers)
    spread._providers.clear()
    spread.register_provider("test", provider)
    yield places
    spread._providers.clear()
    spread._providers.update(real)


def adoption(page, code, *, since=None, precision="year", stage=2, history=(), kind="adoption"):
    """A place in the municipality with SCB code ``code`` where ``page`` runs."""
    municipality = Municipality.objects.get(code=code)
    return spread.Place(
        example_id=page.pk,
        kind=kind,
        name=municipality.name,
        municipality_id=municipality.pk,
        county_id=municipality.county_id,
        since=since,
        precision=precision,
        stage=stage,
        history=history,
    )
