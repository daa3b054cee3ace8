"""The site's URLs plus ``/bench/floor/``: the cheapest Django view through the same stack.

Its rate is the framework floor (gunicorn, WSGI, every middleware, no database, no template),
the ceiling any page can reach on the machine; the report shows each page as a ratio to it.
"""

from django.http import HttpResponse
from django.urls import path

from website.urls import urlpatterns as site_urlpatterns


def floor(request):
    return HttpResponse("<!doctype html><title>ok</title>ok", content_type="text/html")


urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *site_urlpatterns]
