"""A published adoption makes its example findable where it was introduced, after the commit
(``adoptions.services`` → ``examples.spread.places_changed`` → the search index)."""

import pytest

from adoptions import services
from adoptions.models import Adoption
from examples.models import Municipality
from tests.adoptions.conftest import make_adoption

pytestmark = pytest.mark.django_db


def found_in_vasteras(client) -> bool:
    slug = Municipality.objects.get(code="1980").slug
    response = client.get("/sok/", {"kommun": slug})
    assert response.status_code == 200
    return "Samverkan med civilsamhället" in response.text


def test_publishing_and_withdrawing_an_adoption_moves_the_example_in_the_search(
    client, example, adopter, editor, django_capture_on_commit_callbacks
):
    example.save_revision(user=example.owner).publish()
    assert not found_in_vasteras(client)
    adoption = make_adoption(example, reporter=adopter, status=Adoption.Status.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        services.decide(adoption.pk, editor, approve=True)
    assert found_in_vasteras(client)

    adoption.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(adoption)
    assert not found_in_vasteras(client)
