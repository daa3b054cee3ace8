"""The request's site is found from a per-process list (``website.sites``), by Wagtail's rules.

Wagtail's own lookup (``Site._find_for_request``, a query per request) is the reference: for
every arrangement of sites below, and every host and port a request may carry, both must name
the same site.
"""

from django.test import RequestFactory

from wagtail.models import Page, Site

import pytest

from website.sites import find_site

pytestmark = pytest.mark.django_db

HOSTS = ["localhost", "127.0.0.1", "exempel.se", "www.exempel.se", "okand.se"]
PORTS = ["80", "443", "8000"]


def request_for(host, port):
    return RequestFactory().get("/", HTTP_HOST=f"{host}:{port}", SERVER_PORT=port)


def arrange(home, sites):
    Site.objects.all().delete()
    for hostname, port, default in sites:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=default)


ARRANGEMENTS = {
    "one default site": [("localhost", 80, True)],
    "a default and a named site": [("localhost", 80, True), ("exempel.se", 80, False)],
    "a hostname on two ports, no default": [("exempel.se", 80, False), ("exempel.se", 8000, False)],
    "a hostname on two ports and a default": [
        ("localhost", 80, True),
        ("exempel.se", 80, False),
        ("exempel.se", 8000, False),
    ],
    "the default site on a named host": [("exempel.se", 443, True), ("www.exempel.se", 80, False)],
    "no default site": [("exempel.se", 80, False)],
}


@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_the_same_site_as_wagtails_own_lookup(home, arrangement):
    arrange(home, ARRANGEMENTS[arrangement])
    for host in HOSTS:
        for port in PORTS:
            expected = Site._find_for_request(request_for(host, port))
            found = find_site(request_for(host, port))
            assert (found and found.pk) == (expected and expected.pk), (host, port)


def test_a_new_site_is_found_at_once(home):
    arrange(home, [("localhost", 80, True)])
    assert find_site(request_for("exempel.se", "80")).hostname == "localhost"
    Site.objects.create(hostname="exempel.se", port=80, root_page=home)
    assert find_site(request_for("exempel.se", "80")).hostname == "exempel.se"


def test_each_request_gets_its_own_site_and_root_page(home, django_assert_num_queries):
    first = find_site(request_for("localhost", "80"))
    first.root_page.title = "Ändrad i en förfrågan"
    first.site_name = "Ändrad"

    with django_assert_num_queries(0):
        second = find_site(request_for("localhost", "80"))

    assert second.root_page.title == Page.objects.get(pk=home.pk).title
    assert second.site_name != "Ändrad"
    assert type(second.root_page) is type(home)
