"""The demo's spread places (``examples/demo/spread.py``), added by ``load_demo_content``."""

from examples.demo import steps


def load_spread_places(loader) -> None:
    """Idempotent: an example that already has spread places is left as it is."""
    from adoptions.models import SpreadPlace
    from examples.demo.spread import SPREAD
    from examples.models import County, ExamplePage, Municipality

    for slug, places in SPREAD.items():
        example = ExamplePage.objects.filter(slug=slug).first()
        if example is None or SpreadPlace.objects.filter(example=example).exists():
            continue
        for spec in places:
            SpreadPlace.objects.create(
                example=example,
                municipality=Municipality.objects.filter(code=spec.get("municipality")).first(),
                county=County.objects.filter(code=spec.get("county")).first(),
                name=spec.get("name", ""),
                count=spec.get("count"),
            )
        loader.report.add(f"spridning {slug}")


def register() -> None:
    steps.register("Spridning", load_spread_places)
