"""The read-only JSON API (``/api/v1/``), built with django-ninja.

The examples endpoint takes the search page's GET parameters and answers through the same parser
and backend (``opendata.data.search``), so a filtered API list and the search page agree. The
OpenAPI document is ninja's own (``/api/v1/openapi.json``); ninja's interactive docs page is off
because it loads Swagger UI from a CDN: ``/api/`` is our own page describing the API.

No contact person's details are in any schema below (they are personal data). Every string
leaves without control characters (``CleanJSONRenderer``): JSON could escape them, but a consumer
that writes the text into XML or a calendar could not take them.
"""

from datetime import date, datetime
from math import ceil
from typing import Literal

from django.http import Http404
from django.utils import timezone

from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import ValidationError
from ninja.orm import ModelSchema
from ninja.renderers import JSONRenderer

from adoptions.places import published_adoptions, spread_places
from assessments import exports as assessment_exports
from assessments.models import Result
from examples.models import (
    County,
    DiscontinuedReason,
    ExampleOrganisation,
    Goal,
    GoalArea,
    Municipality,
    OrganisationKind,
    Stage,
    TargetArea,
    TargetGroup,
)
from opendata import data
from search.backends.base import MAX_QUERY_LENGTH, SORTS
from search.forms import MAX_PAGE, to_query_string
from search.paging import MAX_RESULT_WINDOW, beyond_window, deep_page_message, last_page
from website.pagekeys import declare_reads
from website.ratelimit import api_limited, search_budget
from website.text import clean_data

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100


class CleanJSONRenderer(JSONRenderer):
    """JSON whose strings hold no character XML 1.0 forbids, whatever the database holds."""

    def render(self, request, data, *, response_status):
        return super().render(request, clean_data(data), response_status=response_status)


api = NinjaAPI(
    renderer=CleanJSONRenderer(),
    title="Goda exempel för hälsa",
    version="1.0.0",
    description=(
        "Öppna data om goda exempel inom Strategi för hälsa: publicerade exempel och "
        "taxonomin (län, kommuner, verksamhetsområden, målgrupper, målområden, mål och steg). "
        "Endast läsning. Exemplen filtreras med samma parametrar som sökningen på /sok/. "
        "Ett exempel visar också var det har spridits: införanden som andra organisationer "
        "har rapporterat och platser inom den egna organisationen, med SCB:s kommun- och "
        "länskoder. Exemplens kontaktpersoner ingår aldrig; ett införandes kontaktuppgifter "
        "bara när organisationen har samtyckt till att bli kontaktad."
    ),
    docs_url=None,
    urls_namespace="opendata_api",
)


# Errors ----------------------------------------------------------------------------------------
#
# Every error body is ``{"detail": "<a Swedish sentence>"}`` (a 422 adds ``errors``, one Swedish
# sentence per parameter), naming the parameter, never a model of ours: ninja's defaults answer
# in English, a 404 with Django's "No ExamplePage matches the given query" under DEBUG.

NOT_FOUND = "Det finns inget här. Kontrollera adressen."


def _not_found(request, exc):
    return api.create_response(request, {"detail": NOT_FOUND}, status=404)


def _explain(error: dict) -> str:
    """One of pydantic's errors as a Swedish sentence about the parameter it concerns."""
    location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
    name = location[0] if location else "parametern"
    context = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{name} ska vara ett heltal."
    if kind == "greater_than_equal":
        return f"{name} ska vara minst {context.get('ge')}."
    if kind == "greater_than":
        return f"{name} ska vara större än {context.get('gt')}."
    if kind == "less_than_equal":
        return f"{name} får vara högst {context.get('le')}."
    if kind == "literal_error":
        expected = str(context.get("expected", "")).replace(" or ", " eller ")
        return f"{name} ska vara något av: {expected}."
    if kind == "missing":
        return f"{name} saknas."
    return f"{name} har ett ogiltigt värde."


def _invalid(request, exc: ValidationError):
    errors = list(dict.fromkeys(_explain(error) for error in exc.errors))
    detail = "Ogiltig förfrågan: " + " ".join(errors)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


api.add_exception_handler(Http404, _not_found)
api.add_exception_handler(ValidationError, _invalid)


# Taxonomy ----------------------------------------------------------------------------------


class CountyOut(ModelSchema):
    class Meta:
        model = County
        fields = ["code", "name", "short_name", "slug"]


class CountyRef(ModelSchema):
    class Meta:
        model = County
        fields = ["code", "name", "slug"]


class MunicipalityOut(ModelSchema):
    county_code: str = Field(description="Länskoden (SCB) för kommunens län.")

    class Meta:
        model = Municipality
        fields = ["code", "name", "slug"]

    @staticmethod
    def resolve_county_code(obj):
        return obj.county.code


class MunicipalityRef(ModelSchema):
    class Meta:
        model = Municipality
        fields = ["code", "name", "slug"]


class VocabularyOut(Schema):
    slug: str
    name: str


class VocabularyDetailOut(VocabularyOut):
    description: str


class TargetAreaOut(VocabularyDetailOut):
    is_welfare_area: bool = Field(description="Ett av strategins fyra välfärdsområden.")


class GoalAreaRef(ModelSchema):
    class Meta:
        model = GoalArea
        fields = ["slug", "name"]


class GoalOut(Schema):
    number: int = Field(ge=1)
    text: str
    slug: str
    area: GoalAreaRef


class StageOut(Schema):
    number: int = Field(ge=1, le=4)
    label: str


def stage_out(number) -> StageOut | None:
    return StageOut(number=number, label=str(Stage(number).label)) if number else None


# Examples ------------------------------------------------------------------------------------


class StageChangeOut(Schema):
    date: date
    precision: Literal["day", "month", "year"] = Field(
        description="Hur noga datumet är känt: dag, månad eller år."
    )
    stage: StageOut
    note: str

    @staticmethod
    def resolve_stage(obj):
        return stage_out(obj.stage)


class PeriodOut(Schema):
    start_year: int | None
    end_year: int | None = Field(description="Tomt när arbetet pågår.")


class DiscontinuedOut(Schema):
    """När (date, med precision), varför och vad andra kan lära sig."""

    date: date
    precision: Literal["day", "month", "year"] = Field(
        description="Hur noga datumet är känt: dag, månad eller år."
    )
    reason: Literal[tuple(DiscontinuedReason.values)] = Field(
        description=(
            "Varför arbetet avslutades: finansiering = finansieringen upphörde, ersatt = ersatt "
            "av annat arbete, ingen-effekt = gav inte effekt, annat = se reason_text."
        )
    )
    reason_label: str = Field(description="Skälet i ord, på svenska.")
    reason_text: str = Field(description="Förklaring med egna ord (kan vara tom).")
    replaced_by: int | None = Field(
        description="Id för det publicerade exempel som ersatte arbetet, om det finns ett."
    )
    lesson: str = Field(description="Vad andra kan lära sig av att arbetet avslutades.")


def discontinued_out(page) -> dict | None:
    if not page.discontinued_on:
        return None
    replaced = page.replaced_by if page.replaced_by_id else None
    return {
        "date": page.discontinued_on,
        "precision": page.discontinued_precision,
        "reason": page.discontinued_reason or DiscontinuedReason.OTHER,
        "reason_label": str(page.discontinued_reason_label),
        "reason_text": page.discontinued_reason_text,
        "replaced_by": replaced.pk if replaced is not None and replaced.live else None,
        "lesson": page.discontinued_lesson,
    }


# Field values are Swedish, like ``kind``'s; the database keeps its own (``ExampleOrganisation.Role``).
ROLES = {
    ExampleOrganisation.Role.OWNER: "huvudman",
    ExampleOrganisation.Role.PARTNER: "samverkanspart",
}


class OrganisationOut(Schema):
    name: str
    kind: Literal[tuple(OrganisationKind.values)]
    kind_label: str
    role: Literal[tuple(ROLES.values())] = Field(
        description=(
            "huvudman eller samverkanspart. Före december 2026 var värdena owner och partner."
        )
    )
    role_label: str

    @staticmethod
    def resolve_role(obj):
        return ROLES.get(obj.role, obj.role)

    @staticmethod
    def resolve_kind_label(obj):
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_role_label(obj):
        return str(obj.get_role_display())


class CriterionResultOut(Schema):
    group: str
    criterion: str
    result: Literal[tuple(Result.values)] = Field(
        description="uppfyllt, delvis, inte_uppfyllt eller inte_bedomt."
    )
    result_label: str
    motivation: str = Field(description="Bedömarnas korta, offentliga motivering.")


class AssessmentOut(Schema):
    assessed_on: date = Field(description="Bedömningens datum (när den publicerades).")
    criteria_version: int = Field(ge=1, description="Kriterieversionen som användes.")
    criteria_url: str = Field(description="Kriterierna i den versionen.")
    assessed_version_date: datetime | None = Field(
        description="När den bedömda versionen av exemplet publicerades."
    )
    changed_since: bool = Field(
        description="Sant om exemplet har ändrats efter bedömningen (den gäller då en äldre version)."
    )
    summary: str
    results: list[CriterionResultOut]


def assessment_out(page, request):
    assessment = assessment_exports.latest(page)
    if assessment is None:
        return None
    return {
        "assessed_on": timezone.localtime(assessment.published_at).date(),
        "criteria_version": assessment.criteria_version.number,
        "criteria_url": request.build_absolute_uri(
            assessment_exports.criteria_url(assessment.criteria_version.number)
        ),
        "assessed_version_date": assessment.content_date,
        "changed_since": bool(
            assessment.content_date
            and page.last_published_at
            and page.last_published_at > assessment.content_date
        ),
        "summary": assessment.summary,
        "results": [
            {
                "group": r.criterion.group,
                "criterion": r.criterion.name,
                "result": r.result,
                "result_label": str(r.get_result_display()),
                "motivation": r.motivation,
            }
            for r in assessment.results.all()
        ],
    }


class ExampleOut(Schema):
    id: int
    title: str
    url: str = Field(description="Exemplets sida på webbplatsen.")
    summary: str
    county: CountyRef | None
    municipalities: list[MunicipalityRef]
    target_areas: list[VocabularyOut]
    target_groups: list[VocabularyOut]
    stage: StageOut | None
    stage_history: list[StageChangeOut]
    goals: list[GoalOut]
    tags: list[VocabularyOut]
    period: PeriodOut
    discontinued: DiscontinuedOut | None = Field(
        description=(
            "Satt när arbetet har avslutats (Avslutat): när, varför och vad andra kan lära sig. "
            "Exemplet ligger kvar med steghistorik och spridning. Tomt när arbetet pågår."
        )
    )
    organisations: list[OrganisationOut]
    first_published_at: datetime | None
    last_published_at: datetime | None
    level: Literal["delat", "bedomt"] = Field(
        description="delat = publicerat efter redaktörernas granskning; bedomt = bedömt mot "
        "webbplatsens kriterier (se assessment)."
    )
    assessment: AssessmentOut | None = Field(
        description="Den senaste publicerade bedömningen, med resultat per kriterium."
    )

    @staticmethod
    def resolve_url(obj, context):
        return obj.get_full_url(context["request"])

    @staticmethod
    def resolve_level(obj):
        return assessment_exports.level(obj)

    @staticmethod
    def resolve_assessment(obj, context):
        return assessment_out(obj, context["request"])

    @staticmethod
    def resolve_municipalities(obj):
        return data.municipalities(obj)

    @staticmethod
    def resolve_target_areas(obj):
        return data.target_areas(obj)

    @staticmethod
    def resolve_target_groups(obj):
        return data.target_groups(obj)

    @staticmethod
    def resolve_stage(obj):
        return stage_out(obj.stage)

    @staticmethod
    def resolve_stage_history(obj):
        return data.stage_history(obj)

    @staticmethod
    def resolve_goals(obj):
        return data.goals(obj)

    @staticmethod
    def resolve_tags(obj):
        return data.tags(obj)

    @staticmethod
    def resolve_period(obj):
        return {"start_year": obj.start_year, "end_year": obj.end_year}

    @staticmethod
    def resolve_discontinued(obj):
        return discontinued_out(obj)

    @staticmethod
    def resolve_organisations(obj):
        return data.organisations(obj)


class AdoptionStageChangeOut(Schema):
    date: date
    precision: Literal["day", "month", "year"]
    stage: StageOut
    note: str

    @staticmethod
    def resolve_stage(obj):
        return stage_out(obj.stage)


class AdoptionContactOut(Schema):
    name: str
    email: str


class AdoptionOut(Schema):
    """Another organisation's published report that it has introduced the example."""

    organisation: str
    organisation_kind: Literal[tuple(OrganisationKind.values)]
    municipality: MunicipalityRef | None = Field(
        description="Kommunen (SCB-kod); tom för en region."
    )
    county: CountyRef | None = Field(description="Länet (SCB-kod).")
    started: date = Field(description="När organisationen började.")
    started_precision: Literal["day", "month", "year"] = Field(
        description="Hur noga startdatumet är känt: dag, månad eller år."
    )
    stage: StageOut
    stage_history: list[AdoptionStageChangeOut]
    local_changes: str = Field(
        description="Vad organisationen ändrade för sina lokala förutsättningar."
    )
    lessons: str
    contact: AdoptionContactOut | None = Field(
        description="Bara när organisationen har samtyckt till att bli kontaktad."
    )
    published_at: datetime | None

    @staticmethod
    def resolve_started(obj):
        return obj.started_on

    @staticmethod
    def resolve_stage(obj):
        return stage_out(obj.stage)

    @staticmethod
    def resolve_stage_history(obj):
        return obj.timeline()

    @staticmethod
    def resolve_contact(obj):
        if not obj.contact_visible:
            return None
        return {"name": obj.contact_name, "email": obj.contact_email}


class SpreadPlaceOut(Schema):
    """A place the example's owner has spread the work to inside their own organisation."""

    name: str = Field(description="Det en läsare ser, t.ex. ”sex kommuner i Örebro län”.")
    municipality: MunicipalityRef | None
    county: CountyRef | None
    count: int | None = Field(description="Antal kommuner, när bara antalet är känt.")
    since: date | None = Field(description="Sedan när; tomt när det inte är känt.")
    precision: Literal["day", "month", "year"]
    stage: StageOut | None

    @staticmethod
    def resolve_name(obj):
        return obj.label

    @staticmethod
    def resolve_since(obj):
        return obj.date

    @staticmethod
    def resolve_stage(obj):
        return stage_out(obj.stage)


class ExampleDetailOut(ExampleOut):
    adoptions: list[AdoptionOut] = Field(description="Publicerade införanden, äldst först.")
    spread_places: list[SpreadPlaceOut] = Field(
        description="Platser inom den egna organisationen dit arbetet har spridits."
    )

    @staticmethod
    def resolve_adoptions(obj):
        return obj.open_adoptions

    @staticmethod
    def resolve_spread_places(obj):
        return obj.open_spread_places


class WidenedOut(Schema):
    place: str = Field(description="Kommunen i sökorden som inget exempel nämner, t.ex. Umeå.")
    county: str = Field(description="Länet vars exempel visas i stället, t.ex. Västerbottens län.")


class ExampleListOut(Schema):
    count: int = Field(ge=0, description="Antal exempel som matchar, på alla sidor.")
    page: int = Field(ge=1)
    per_page: int = Field(ge=1)
    pages: int = Field(ge=0)
    next: str | None = Field(description="Adressen till nästa sida, om det finns en.")
    previous: str | None
    widened: list[WidenedOut] = Field(
        description=(
            "Kommuner i sökorden som inget exempel nämner: för dem visas exemplen från kommunens "
            "län, som sökningen på webbplatsen gör (där står det “Inga exempel nämner …”). "
            "Tom lista annars."
        )
    )
    results: list[ExampleOut]


class ErrorOut(Schema):
    detail: str = Field(description="Vad som gick fel, på svenska.")


class InvalidOut(ErrorOut):
    errors: list[str] = Field(description="En mening per ogiltig parameter.")


class ExampleFilters(Schema):
    """The search page's parameters (``/sok/``); several values in one facet mean any of them."""

    q: str = Field(
        "",
        description=f"Sökord (högst {MAX_QUERY_LENGTH} tecken används).",
    )
    lan: list[str] = Field(default_factory=list, description="Län (slug), t.ex. jamtlands-lan.")
    omrade: list[str] = Field(default_factory=list, description="Verksamhetsområde (slug).")
    malgrupp: list[str] = Field(default_factory=list, description="Målgrupp (slug).")
    steg: list[str] = Field(default_factory=list, description="Steg 1–4.")
    status: list[str] = Field(
        default_factory=list,
        description="pagaende = arbetet pågår, avslutade = markerat som Avslutat.",
    )
    mal: list[str] = Field(default_factory=list, description="Mål (slug).")
    tagg: list[str] = Field(default_factory=list, description="Tagg (slug).")
    kommun: list[str] = Field(
        default_factory=list,
        description="Kommun (slug) där exemplet körs, som eget arbete eller genom ett införande.",
    )
    infort: list[str] = Field(
        default_factory=list,
        description="Införd i: län (slug) där exemplet körs, det egna och införandenas.",
    )
    niva: list[str] = Field(
        default_factory=list, description="Nivå: delat eller bedomt (bedömt mot kriterierna)."
    )
    sortering: Literal[SORTS] = Field(
        "relevans",
        description=(
            "relevans (nyast först utan sökord), nyast, steg eller spridning (flest kommuner "
            "där exemplet körs först)."
        ),
    )
    sida: int = Field(
        1,
        ge=1,
        le=MAX_PAGE,
        description=(
            f"Sidnummer. Högst de första {MAX_RESULT_WINDOW} träffarna går att bläddra till: "
            f"sida × per_sida får vara högst {MAX_RESULT_WINDOW}, annars svarar API:t 400."
        ),
    )
    per_sida: int = Field(DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE)


# Every read may be conditional (``opendata.http``): an ``If-None-Match`` or ``If-Modified-Since``
# that still holds is answered 304 without a body.
NOT_MODIFIED = {304: None}


@api.get(
    "/exempel/",
    response={
        200: ExampleListOut,
        **NOT_MODIFIED,
        400: ErrorOut,
        404: ErrorOut,
        422: InvalidOut,
        429: ErrorOut,
    },
    summary="Goda exempel",
    description=(
        "Publicerade goda exempel, filtrerade och sorterade som sökningen på /sok/. Bara de "
        f"första {MAX_RESULT_WINDOW} träffarna går att bläddra till (400 för en sida bortom dem); "
        "pages räknar bara sidorna inom den gränsen. En sida efter den sista svarar 404 (sida 1 "
        "finns alltid, också när inget exempel matchar). Ogiltiga parametrar svarar 422. Varje "
        "anrop räknas mot samma gräns per klient som sökningen; över gränsen svarar API:t 429 med "
        "Retry-After (sekunder)."
    ),
    tags=["Goda exempel"],
)
@search_budget("api", respond=api_limited)
def list_examples(request, filters: Query[ExampleFilters]):
    # ninja reads every parameter to validate them; the answer depends on these alone.
    declare_reads(request, ExampleFilters.model_fields)
    if beyond_window(filters.sida, filters.per_sida):
        return Status(400, {"detail": deep_page_message(filters.per_sida)})
    params, results = data.search(request.GET, page=filters.sida, per_page=filters.per_sida)
    pages = min(ceil(results.total / params.per_page), last_page(params.per_page))
    if params.page > max(pages, 1):
        return Status(
            404,
            {
                "detail": (
                    f"Sidan {params.page} finns inte: sökningen har {pages} "
                    f"{'sida' if pages == 1 else 'sidor'} med {params.per_page} exempel per sida."
                )
            },
        )
    base = request.build_absolute_uri(request.path)

    def page_url(number):
        query = to_query_string(params, page=number)
        query += f"{'&' if query else ''}per_sida={params.per_page}"
        return f"{base}?{query}"

    return {
        "count": results.total,
        "page": params.page,
        "per_page": params.per_page,
        "pages": pages,
        "next": page_url(params.page + 1) if params.page < pages else None,
        "previous": page_url(params.page - 1) if params.page > 1 else None,
        "widened": [{"place": place, "county": county} for place, county in results.widened],
        "results": data.in_order([hit.page_id for hit in results.hits]),
    }


@api.get(
    "/exempel/{example_id}/",
    response={200: ExampleDetailOut, **NOT_MODIFIED, 404: ErrorOut, 422: InvalidOut},
    summary="Ett gott exempel",
    description=(
        "Ett publicerat gott exempel med var det har spridits: införanden och egna "
        "spridningsplatser. 404 när inget publicerat exempel har det id:t, 422 när id:t inte är "
        "ett heltal."
    ),
    tags=["Goda exempel"],
)
def get_example(request, example_id: int):
    page = data.open_examples().filter(pk=example_id).first() if 0 < example_id < 2**31 else None
    if page is None:
        return Status(404, {"detail": f"Det finns inget publicerat exempel med id {example_id}."})
    page.open_adoptions = list(published_adoptions([page.pk]))
    page.open_spread_places = list(spread_places([page.pk]).order_by("date", "pk"))
    return page


class TagOut(VocabularyOut):
    examples: int = Field(ge=1, description="Antal publicerade exempel med taggen.")


@api.get(
    "/taggar/",
    response={200: list[TagOut], **NOT_MODIFIED},
    summary="Taggar",
    description=(
        "Taggarna på publicerade exempel, i bokstavsordning, med antalet exempel. slug är värdet "
        "för parametern tagg i /exempel/ och i sökningen."
    ),
    tags=["Taxonomi"],
)
def list_tags(request):
    return data.tags_in_use()


@api.get("/lan/", response={200: list[CountyOut], **NOT_MODIFIED}, summary="Län", tags=["Taxonomi"])
def list_counties(request):
    return County.objects.order_by("code")


@api.get(
    "/kommuner/",
    response={200: list[MunicipalityOut], **NOT_MODIFIED},
    summary="Kommuner",
    tags=["Taxonomi"],
)
def list_municipalities(request):
    return Municipality.objects.select_related("county").order_by("code")


@api.get(
    "/verksamhetsomraden/",
    response={200: list[TargetAreaOut], **NOT_MODIFIED},
    summary="Verksamhetsområden",
    tags=["Taxonomi"],
)
def list_target_areas(request):
    return TargetArea.objects.all()


@api.get(
    "/malgrupper/",
    response={200: list[VocabularyDetailOut], **NOT_MODIFIED},
    summary="Målgrupper",
    tags=["Taxonomi"],
)
def list_target_groups(request):
    return TargetGroup.objects.all()


@api.get(
    "/malomraden/",
    response={200: list[VocabularyDetailOut], **NOT_MODIFIED},
    summary="Målområden",
    tags=["Taxonomi"],
)
def list_goal_areas(request):
    return GoalArea.objects.all()


@api.get(
    "/mal/", response={200: list[GoalOut], **NOT_MODIFIED}, summary="De 22 målen", tags=["Taxonomi"]
)
def list_goals(request):
    return Goal.objects.select_related("area").order_by("number")


@api.get(
    "/steg/",
    response={200: list[StageOut], **NOT_MODIFIED},
    summary="Stegen 1–4",
    tags=["Taxonomi"],
)
def list_stages(request):
    return [stage_out(stage.value) for stage in Stage]
