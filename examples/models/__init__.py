"""Models of the examples app, re-exported so ``from examples.models import X`` keeps working."""

from examples.models.discontinued import DatePrecision, DiscontinuedReason
from examples.models.media import CustomImage, CustomRendition
from examples.models.overview import OverviewPage
from examples.models.pages import (
    DEFAULT_TAG,
    CountyIndexPage,
    ExampleAttachment,
    ExampleIndexPage,
    ExampleOrganisation,
    ExamplePage,
    ExamplePageTag,
    GoalIndexPage,
    OrganisationKind,
    StageChange,
)
from examples.models.seminars import SeminarIndexPage, SeminarItem, SeminarPage
from examples.models.taxonomy import (
    County,
    CountyDialogue,
    DialogueKind,
    Goal,
    GoalArea,
    Municipality,
    Stage,
    TargetArea,
    TargetGroup,
)

__all__ = [
    "DEFAULT_TAG",
    "County",
    "CountyDialogue",
    "CountyIndexPage",
    "CustomImage",
    "CustomRendition",
    "DatePrecision",
    "DialogueKind",
    "DiscontinuedReason",
    "ExampleAttachment",
    "ExampleIndexPage",
    "ExampleOrganisation",
    "ExamplePage",
    "ExamplePageTag",
    "Goal",
    "GoalArea",
    "GoalIndexPage",
    "Municipality",
    "OrganisationKind",
    "OverviewPage",
    "SeminarIndexPage",
    "SeminarItem",
    "SeminarPage",
    "Stage",
    "StageChange",
    "TargetArea",
    "TargetGroup",
]
