"""The facets of the search page: URL parameter, index field, label and how values are shown.

The URL parameters are Swedish and shared with the examples listing (``lan``, ``omrade``,
``steg``, ``tagg``, ``kommun``; ``status`` is ``pagaende`` or ``avslutade``), so a link from a county, goal,
tag or target-area page lands in the search
with that filter set. Values are slugs (stage: its number), never database ids.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Facet:
    param: str  # the URL parameter and the database backend's facet name
    field: str  # the Elasticsearch keyword field
    label: str
    size: int  # enough buckets for every value the vocabulary can have (not the default 10)
    checkboxes: bool = True  # municipality is a filter (a select), not a list of checkboxes
    single: bool = False  # an example has at most one value (its county, its stage)


FACETS = (
    Facet("lan", "county", _("Län"), size=32, single=True),
    Facet("omrade", "target_areas", _("Verksamhetsområde"), size=100),
    Facet("malgrupp", "target_groups", _("Målgrupp"), size=100),
    Facet("steg", "stage", _("Steg"), size=10, single=True),
    Facet("status", "status", _("Pågående eller avslutat"), size=2, single=True),
    Facet("mal", "goals", _("Mål"), size=50),
    Facet("tagg", "tags", _("Tagg"), size=2000),
    Facet("kommun", "municipalities", _("Kommun"), size=320, checkboxes=False),
    # Every county where an example runs: its own and those where it has been introduced since
    # (``examples.spread``); ``kommun`` likewise holds every municipality where it runs.
    Facet("infort", "adopted_counties", _("Införd i"), size=32),
    # "Delat" or "Bedömt" (assessments/exports.py); a filter, never a ranking signal.
    Facet("niva", "level", _("Nivå"), size=5, single=True),
)
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}
MAX_VALUES_PER_FACET = 25  # values accepted from one URL parameter; more are ignored

# The "status" facet: whether the work goes on or was marked "Avslutat" (issue #17). Every
# example has exactly one of the two values.
ONGOING = "pagaende"
DISCONTINUED = "avslutade"
STATUS_LABELS = {
    ONGOING: _("Pågående"),
    DISCONTINUED: _("Avslutade"),
}
