"""Everything an example page shows beside its own row, read in one statement.

Why not ``prefetch_related``: the page shows eight relations (goals, target areas and groups,
municipalities, tags, organisations, stage history, attachments with their documents). Eight
prefetch queries cost more to build in the ORM than the database takes to answer them, and an
example page is what visitors open most. So ``ExampleDetails.load`` sends one ``UNION ALL``
statement, built once per process from the models' metadata (as ``examples.related`` builds its
scoring statement), with the page's id as its only parameter. It brings:

* the ids of the linked vocabulary terms, which are then taken from the terms kept per process
  until the next change (``website.pagecache.shared``: 22 goals, the target areas and groups,
  290 municipalities; an edit under "Taxonomi" starts a new generation);
* the tags with their names, and the organisations, stage changes and attachments (with the
  title, file and size of each document) as whole rows, made into model instances;
* whether the page's owner consents to showing the contact person (``members.MemberProfile``).

Every branch returns the same columns. PostgreSQL needs each column to have one type across the
branches, so there each is cast to its type; SQLite types values, not columns (and its CAST to
DATE would turn "2024-03-01" into 2024), so there they are left as stored. A page in preview has its unsaved relations in memory (modelcluster), and
``ExampleDetails.from_page`` reads those instead.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import DateField

from examples.sorting import swedish_sort_key
from website.pagecache import shared

# The columns every branch of the statement returns, with their SQL types.
COLUMNS = (
    ("kind", "VARCHAR(16)"),
    ("id", "BIGINT"),
    ("sort_order", "INTEGER"),
    ("number", "BIGINT"),
    ("day", "DATE"),
    ("text1", "TEXT"),
    ("text2", "TEXT"),
    ("text3", "TEXT"),
    ("size", "BIGINT"),
)


@dataclass
class ExampleDetails:
    """What the page template lists, in the order it lists them."""

    goals: list = field(default_factory=list)
    target_areas: list = field(default_factory=list)
    target_groups: list = field(default_factory=list)
    municipalities: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    timeline: list = field(default_factory=list)
    attachments: list = field(default_factory=list)
    # The contact person is shown only while the owning member consents (members/models.py).
    contact_visible: bool = False

    @classmethod
    def from_page(cls, page) -> ExampleDetails:
        """The relations as the page object holds them (a preview's unsaved form included)."""
        from examples.models import StageChange

        return cls(
            goals=list(page.goals.all()),
            target_areas=list(page.target_areas.all()),
            target_groups=list(page.target_groups.all()),
            municipalities=list(page.municipalities.all()),
            tags=sorted(page.tags.all(), key=_tag_order),
            organisations=list(page.organisations.all()),
            timeline=sorted(page.stage_history.all(), key=StageChange.sort_key),
            attachments=list(page.attachments.all()),
            contact_visible=page.contact_visible,
        )

    @classmethod
    def load(cls, page) -> ExampleDetails:
        """The stored relations of a saved page, in one statement."""
        from examples.models import StageChange

        rows = {kind: [] for kind, _ in _branches()}
        with connection.cursor() as cursor:
            cursor.execute(_statement(), [page.pk] * len(_branches()))
            for row in cursor.fetchall():
                rows[row[0]].append(dict(zip((name for name, _ in COLUMNS), row, strict=True)))
        terms = vocabulary()
        details = cls(
            goals=_terms(terms["goals"], rows["goal"]),
            target_areas=_terms(terms["target_areas"], rows["target_area"]),
            target_groups=_terms(terms["target_groups"], rows["target_group"]),
            municipalities=_terms(terms["municipalities"], rows["municipality"]),
            tags=sorted(_tags(rows["tag"]), key=_tag_order),
            organisations=_organisations(page, rows["organisation"]),
            timeline=sorted(_stage_changes(page, rows["stage"]), key=StageChange.sort_key),
            attachments=_attachments(page, rows["attachment"]),
            contact_visible=bool(rows["consent"]) and bool(page.contact_name or page.contact_email),
        )
        return details


# The vocabulary, kept per process ------------------------------------------------------------


def vocabulary() -> dict[str, dict]:
    """Every goal, target area and group and municipality by id, in each model's own order."""
    from examples.models import Goal, Municipality, TargetArea, TargetGroup

    def load():
        return {
            "goals": {goal.pk: goal for goal in Goal.objects.all()},
            "target_areas": {area.pk: area for area in TargetArea.objects.all()},
            "target_groups": {group.pk: group for group in TargetGroup.objects.all()},
            "municipalities": {m.pk: m for m in Municipality.objects.all()},
        }

    return shared("example-details-vocabulary", load)


def target_areas_by_page(page_ids) -> dict[int, list]:
    """The target areas of many examples (a page of search hits): one short read of the links,
    the areas themselves from ``vocabulary()``, in their own order."""
    from examples.models import ExamplePage

    page_ids = list(page_ids)
    found: dict[int, list] = {pk: [] for pk in page_ids}
    if not page_ids:
        return found
    relation = ExamplePage._meta.get_field("target_areas")
    links = relation.remote_field.through.objects.filter(
        **{f"{relation.m2m_field_name()}__in": page_ids}
    ).values_list(relation.m2m_field_name(), relation.m2m_reverse_field_name())
    linked: dict[int, set] = {}
    for page_id, area_id in links:
        linked.setdefault(page_id, set()).add(area_id)
    for area_id, area in vocabulary()["target_areas"].items():
        for page_id, area_ids in linked.items():
            if area_id in area_ids:
                found[page_id].append(area)
    return found


def _terms(by_id: dict, rows: list[dict]) -> list:
    linked = {row["id"] for row in rows}
    return [term for pk, term in by_id.items() if pk in linked]


# Rows into model instances -------------------------------------------------------------------


def _tag_order(tag):
    return swedish_sort_key(tag.name)


def _in_order(rows):
    """Orderable rows by ``sort_order``, as their default ordering would give them."""
    return sorted(rows, key=lambda r: (r["sort_order"] is None, r["sort_order"] or 0, r["id"]))


def _tags(rows):
    tag_model = _tag_model()
    return [
        _from_row(tag_model, {"id": r["id"], "name": r["text1"], "slug": r["text2"]}) for r in rows
    ]


def _organisations(page, rows):
    from examples.models import ExampleOrganisation

    return [
        _child(
            page,
            ExampleOrganisation,
            {
                "id": r["id"],
                "sort_order": r["sort_order"],
                "name": r["text1"],
                "kind": r["text2"],
                "role": r["text3"],
            },
        )
        for r in _in_order(rows)
    ]


def _stage_changes(page, rows):
    from examples.models import StageChange

    to_date = DateField().to_python
    return [
        _child(
            page,
            StageChange,
            {
                "id": r["id"],
                "sort_order": r["sort_order"],
                "stage": r["number"],
                "date": to_date(r["day"]),
                "precision": r["text1"],
                "note": r["text2"] or "",
            },
        )
        for r in rows
    ]


def _attachments(page, rows):
    from wagtail.documents import get_document_model

    from examples.models import ExampleAttachment

    document_model = get_document_model()
    attachments = []
    for r in _in_order(rows):
        attachment = _child(
            page,
            ExampleAttachment,
            {
                "id": r["id"],
                "sort_order": r["sort_order"],
                "document_id": r["number"],
                "title": r["text1"] or "",
            },
        )
        # Only what the page shows; any other field of the document is read when first asked for.
        attachment.document = _from_row(
            document_model,
            {"id": r["number"], "title": r["text2"], "file": r["text3"], "file_size": r["size"]},
        )
        attachments.append(attachment)
    return attachments


def _from_row(model, values: dict):
    """A model instance as a query would make it; fields not in ``values`` are deferred."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(connection.alias, names, [values[name] for name in names])


def _child(page, model, values: dict):
    instance = _from_row(model, {**values, "page_id": page.pk})
    instance.page = page
    return instance


# The statement -------------------------------------------------------------------------------


@functools.cache
def _branches() -> tuple[tuple[str, str], ...]:
    """(kind, SELECT …) per relation; identifiers from model metadata, the page id a parameter."""
    from wagtail.documents import get_document_model
    from wagtail.models import Page

    from examples.models import (
        ExampleAttachment,
        ExampleOrganisation,
        ExamplePage,
        ExamplePageTag,
        StageChange,
    )

    q = connection.ops.quote_name
    typed = connection.vendor != "sqlite"

    def select(kind, table, where, **values):
        columns = []
        for name, sql_type in COLUMNS:
            value = f"'{kind}'" if name == "kind" else values.get(name, "NULL")
            columns.append(f"CAST({value} AS {sql_type})" if typed else value)
        # Identifiers from model metadata, quoted; the kind is one of ours; the id a parameter.
        sql = f"SELECT {', '.join(columns)} FROM {table} WHERE {where} = %s"  # noqa: S608  # nosec B608
        return kind, sql

    def column(model, name):
        return q(model._meta.get_field(name).column)

    branches = []
    for kind, field_name in (
        ("goal", "goals"),
        ("target_area", "target_areas"),
        ("target_group", "target_groups"),
        ("municipality", "municipalities"),
    ):
        relation = ExamplePage._meta.get_field(field_name)
        through = relation.remote_field.through
        branches.append(
            select(
                kind,
                q(through._meta.db_table),
                column(through, relation.m2m_field_name()),
                id=column(through, relation.m2m_reverse_field_name()),
            )
        )

    tag_model = _tag_model()
    tagging, tag = q(ExamplePageTag._meta.db_table), q(tag_model._meta.db_table)
    branches.append(
        select(
            "tag",
            f"{tagging} JOIN {tag} ON {tag}.{column(tag_model, 'id')} = {tagging}.{column(ExamplePageTag, 'tag')}",
            f"{tagging}.{column(ExamplePageTag, 'content_object')}",
            id=f"{tag}.{column(tag_model, 'id')}",
            text1=f"{tag}.{column(tag_model, 'name')}",
            text2=f"{tag}.{column(tag_model, 'slug')}",
        )
    )

    def child(model):
        return q(model._meta.db_table), column(model, "page")

    table, page_column = child(ExampleOrganisation)
    branches.append(
        select(
            "organisation",
            table,
            page_column,
            id=column(ExampleOrganisation, "id"),
            sort_order=column(ExampleOrganisation, "sort_order"),
            text1=column(ExampleOrganisation, "name"),
            text2=column(ExampleOrganisation, "kind"),
            text3=column(ExampleOrganisation, "role"),
        )
    )
    table, page_column = child(StageChange)
    branches.append(
        select(
            "stage",
            table,
            page_column,
            id=column(StageChange, "id"),
            sort_order=column(StageChange, "sort_order"),
            number=column(StageChange, "stage"),
            day=column(StageChange, "date"),
            text1=column(StageChange, "precision"),
            text2=column(StageChange, "note"),
        )
    )
    from members.models import MemberProfile

    profile, page = q(MemberProfile._meta.db_table), q(Page._meta.db_table)
    branches.append(
        select(
            "consent",
            f"{profile} JOIN {page} ON {page}.{column(Page, 'owner')} = "
            f"{profile}.{column(MemberProfile, 'user')}",
            f"{column(MemberProfile, 'contact_consent_at')} IS NOT NULL AND {page}.{column(Page, 'id')}",
        )
    )
    document_model = get_document_model()
    attachments, document = q(ExampleAttachment._meta.db_table), q(document_model._meta.db_table)
    branches.append(
        select(
            "attachment",
            f"{attachments} JOIN {document} ON {document}.{column(document_model, 'id')} = "
            f"{attachments}.{column(ExampleAttachment, 'document')}",
            f"{attachments}.{column(ExampleAttachment, 'page')}",
            id=f"{attachments}.{column(ExampleAttachment, 'id')}",
            sort_order=f"{attachments}.{column(ExampleAttachment, 'sort_order')}",
            number=f"{document}.{column(document_model, 'id')}",
            text1=f"{attachments}.{column(ExampleAttachment, 'title')}",
            text2=f"{document}.{column(document_model, 'title')}",
            text3=f"{document}.{column(document_model, 'file')}",
            size=f"{document}.{column(document_model, 'file_size')}",
        )
    )
    return tuple(branches)


def _tag_model():
    from examples.models import ExamplePageTag

    return ExamplePageTag._meta.get_field("tag").related_model


@functools.cache
def _statement() -> str:
    return " UNION ALL ".join(sql for _, sql in _branches())
