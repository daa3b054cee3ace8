"""factory_boy factories for pages the tests create (wagtail-factories handles the tree)."""

import factory
import wagtail_factories

from examples.models import County, ExamplePage, Stage, TargetArea


class ExamplePageFactory(wagtail_factories.PageFactory):
    """A published good example in the first county, on step 2, with one target area."""

    class Meta:
        model = ExamplePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Testexempel {n}")
    slug = factory.Sequence(lambda n: f"testexempel-{n}")
    summary = "Ett exempel som finns för att testa webbplatsen."
    county = factory.LazyFunction(lambda: County.objects.order_by("code").first())
    stage = Stage.TRIAL

    @factory.post_generation
    def target_areas(self, create, extracted, **kwargs):
        areas = (
            extracted
            if extracted is not None
            else list(TargetArea.objects.order_by("sort_order")[:1])
        )
        self.target_areas = areas
        if create:
            self.save()
