"""The API's own documentation page: plain HTML from our templates, nothing from a CDN."""

from django.template.response import TemplateResponse
from django.urls import reverse

from opendata.api import DEFAULT_PER_PAGE, MAX_PER_PAGE
from opendata.csv import MAX_ROWS


def api_docs(request):
    return TemplateResponse(
        request,
        "opendata/api.html",
        {
            "openapi_url": reverse("opendata_api:openapi-json"),
            "api_base": reverse("opendata_api:api-root"),
            "default_per_page": DEFAULT_PER_PAGE,
            "max_per_page": MAX_PER_PAGE,
            "max_rows": MAX_ROWS,
        },
    )
