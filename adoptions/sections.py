"""The example page's section "Här har andra infört arbetet" (``examples.extensions``).

One query whatever the number of adoptions (municipality and county joined in); nothing in a
preview of an unsaved page.
"""

from django.urls import reverse

from adoptions.models import Adoption


def example_section(page, request):
    if not page.pk:
        return None
    adoptions = list(
        Adoption.objects.filter(example_id=page.pk, status=Adoption.Status.PUBLISHED)
        .select_related("municipality", "county")
        .order_by("started_on", "pk")
    )
    return {
        "adoptions": adoptions,
        "report_url": reverse("adoption_report", args=[page.pk]) if page.live else "",
    }
