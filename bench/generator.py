"""Synthetic good examples in bulk, for the benchmark: thousands of pages in seconds, not hours.

``add_child()`` and ``save_revision()`` cost some twenty queries a page; at 100 000 examples that
is hours. Here each batch of pages costs a constant number of queries: the treebeard paths are
computed from the parent's last child, the page rows, their first revisions, the example rows,
the many-to-many rows and the orderables are each inserted in one statement per batch, and one
UPDATE points every page at its revision (``live_revision`` = ``latest_revision``, as after a
publish), so the public pages and the admin treat them as published pages like any other.

Every synthetic page's slug starts with ``SLUG_PREFIX`` and it carries the tag ``SYNTHETIC_TAG``,
so visitors can tell and ``--replace`` can find them again (``bench/purge.py``). No publishing
signal fires: build the search index afterwards with ``manage.py search_index rebuild``.
"""

from __future__ import annotations

import datetime
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from taggit.models import Tag
from wagtail.models import COMMENTS_RELATION_NAME, Locale, Page, Revision

from bench import assets, vocabulary
from bench.vocabulary import paragraph
from examples.models import (
    DEFAULT_TAG,
    County,
    ExampleAttachment,
    ExampleIndexPage,
    ExampleOrganisation,
    ExamplePage,
    ExamplePageTag,
    Goal,
    Municipality,
    OrganisationKind,
    Stage,
    StageChange,
    TargetArea,
    TargetGroup,
)

SLUG_PREFIX = "syntetiskt-"
SYNTHETIC_TAG = "syntetiskt exempel"
BATCH_SIZE = 500
FIRST_DAY = datetime.date(2017, 1, 1)
LAST_DAY = datetime.date(2026, 11, 30)

Progress = Callable[[str], None]


@dataclass
class Taxonomy:
    """Everything a synthetic example is described with, loaded once per run."""

    counties: list
    municipalities: list
    by_county: dict
    areas: list
    groups: list
    goals: list
    tags: list
    images: list
    documents: list

    @classmethod
    def load(cls) -> Taxonomy:
        counties = list(County.objects.order_by("code"))
        municipalities = list(Municipality.objects.order_by("code"))
        if not counties or not municipalities:
            raise RuntimeError("Taxonomin saknas: kör manage.py load_taxonomy först.")
        by_county = {}
        for municipality in municipalities:
            by_county.setdefault(municipality.county_id, []).append(municipality)
        names = [*vocabulary.vocabulary().tags, DEFAULT_TAG, SYNTHETIC_TAG]
        existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
        for name in names:
            if name not in existing:
                existing[name] = Tag.objects.create(name=name, slug=unique_tag_slug(name))
        return cls(
            counties=counties,
            municipalities=municipalities,
            by_county=by_county,
            areas=list(TargetArea.objects.all()),
            groups=list(TargetGroup.objects.all()),
            goals=list(Goal.objects.all()),
            tags=[existing[name] for name in vocabulary.vocabulary().tags],
            images=assets.cover_images(),
            documents=assets.attachments(),
        )

    def fixed_tags(self) -> list:
        return list(Tag.objects.filter(name__in=[DEFAULT_TAG, SYNTHETIC_TAG]))


def unique_tag_slug(name: str) -> str:
    base = slugify(name) or "tagg"
    slug, number = base, 1
    while Tag.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def synthetic_examples():
    return ExamplePage.objects.filter(slug__startswith=SLUG_PREFIX)


def next_number() -> int:
    """The number after the highest in use, so slugs never repeat among the index's children."""
    numbers = (
        slug[len(SLUG_PREFIX) :].partition("-")[0]
        for slug in synthetic_examples().values_list("slug", flat=True).iterator()
    )
    return max((int(n) for n in numbers if n.isdigit()), default=0) + 1


def random_day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


class Generator:
    """Writes ``count`` synthetic examples under the "Goda exempel" index, batch by batch."""

    def __init__(self, seed: int = 2026, progress: Progress | None = None):
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not security  # nosec B311
        self.say = progress or (lambda line: None)

    def run(self, count: int, batch_size: int = BATCH_SIZE) -> int:
        index = ExampleIndexPage.objects.first()
        if index is None:
            raise RuntimeError("Sidan Goda exempel saknas: kör manage.py load_demo_content först.")
        self.index = index
        self.taxonomy = Taxonomy.load()
        self.fixed_tags = self.taxonomy.fixed_tags()
        self.locale_id = index.locale_id or Locale.get_default().pk
        self.page_type = ContentType.objects.get_for_model(ExamplePage)
        self.base_type = ContentType.objects.get_for_model(Page)
        self.first_number = next_number()
        started = time.monotonic()
        done = 0
        while done < count:
            size = min(batch_size, count - done)
            with transaction.atomic():
                self.write_batch(self.first_number + done, size)
            done += size
            rate = done / max(time.monotonic() - started, 1e-6)
            self.say(f"  [{done}/{count}] {rate:.0f} exempel/s")
        return done

    # One batch -----------------------------------------------------------------------------

    def write_batch(self, first: int, size: int) -> None:
        parent = Page.objects.select_for_update().get(pk=self.index.pk)
        last = parent.get_last_child()
        step = Page._str2int(last.path[-Page.steplen :]) if last else 0
        now = timezone.now()
        pages = [
            self.build_page(first + offset, parent, step + offset + 1, now)
            for offset in range(size)
        ]
        self.insert_pages(pages)
        self.insert_revisions(pages, now)
        self.insert_relations(pages)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + size)

    def build_page(self, number, parent, step, now):
        rng, tax = self.rng, self.taxonomy
        words = vocabulary.vocabulary()
        if rng.random() < 0.85:
            municipality = rng.choice(tax.municipalities)
            county = next(c for c in tax.counties if c.pk == municipality.county_id)
            others = [m for m in tax.by_county[county.pk] if m.pk != municipality.pk]
            municipalities = [
                municipality,
                *rng.sample(others, min(len(others), rng.choice((0, 0, 1, 2)))),
            ]
            place = municipality.name
        else:
            county = rng.choice(tax.counties)
            municipalities = []
            place = county.name
        groups = rng.sample(tax.groups, rng.choice((0, 1, 1, 2)))
        group = groups[0].name.lower() if groups else "alla åldrar"
        title = vocabulary.title(rng, place, group)[:250]
        stage = rng.choice(list(Stage)).value
        history = self.stage_history(stage)
        published = timezone.make_aware(
            datetime.datetime.combine(
                random_day(rng, history[-1][1], LAST_DAY), datetime.time(rng.randint(7, 18))
            )
        )
        goals = rng.sample(tax.goals, rng.choice((0, 1, 2, 3, 4)))
        body = [("paragraph", f"<p>{escape(paragraph(rng, words.body_sentences))}</p>")]
        for goal in goals[:2]:
            body.append(
                (
                    "paragraph",
                    f"<p>Arbetet bidrar till målet ”{escape(goal.text)}”. "
                    f"{escape(paragraph(rng, words.body_sentences, 1, 2))}</p>",
                )
            )
        summary = paragraph(rng, words.summary_sentences, 2, 2)[:600]
        slug = f"{SLUG_PREFIX}{number}-{slugify(title)}"[:255].rstrip("-")
        page = ExamplePage(
            title=title,
            draft_title=title,
            slug=slug,
            path=Page._get_path(parent.path, parent.depth + 1, step),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            translation_key=uuid.uuid4(),
            locale_id=self.locale_id,
            content_type=self.page_type,
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            latest_revision_created_at=now,
            search_description=summary[:300],
            summary=summary,
            body=body,
            county=county,
            stage=stage,
            start_year=history[0][1].year,
            end_year=None if rng.random() < 0.8 else min(history[-1][1].year + 1, 2026),
            results=f"<p>{escape(paragraph(rng, words.write_up_sentences))}</p>",
            lessons=f"<p>{escape(paragraph(rng, words.write_up_sentences, 1, 2))}</p>",
            transfer=f"<p>{escape(paragraph(rng, words.write_up_sentences, 1, 2))}</p>",
            cover_image=rng.choice(tax.images) if rng.random() < 0.9 else None,
        )
        page.municipalities = municipalities
        page.target_areas = rng.sample(tax.areas, rng.choice((1, 1, 2)))
        page.target_groups = groups
        page.goals = goals
        page.stage_history = [
            StageChange(stage=s, date=day, precision=precision, sort_order=order, note="")
            for order, (s, day, precision) in enumerate(history)
        ]
        page.organisations = self.organisations(county, municipalities)
        # A new page has no comments; saying so spares serializable_data() a query per page.
        setattr(page, COMMENTS_RELATION_NAME, [])
        page.attachments = [
            ExampleAttachment(document=doc, title="", sort_order=order)
            for order, doc in enumerate(rng.sample(tax.documents, rng.choice((0, 0, 1, 2))))
        ]
        page.tagged_items = [
            ExamplePageTag(tag=tag)
            for tag in [*self.fixed_tags, *rng.sample(tax.tags, rng.randint(1, 3))]
        ]
        return page

    def stage_history(self, stage):
        """Dated steps from 1 up to ``stage``, months or years apart, some known only roughly."""
        rng = self.rng
        day = random_day(rng, FIRST_DAY, datetime.date(2023, 6, 1))
        history = []
        for s in range(1, stage + 1):
            precision = rng.choice(
                [StageChange.Precision.DAY] * 2
                + [StageChange.Precision.MONTH, StageChange.Precision.YEAR]
            )
            history.append((s, day, precision))
            day = min(day + datetime.timedelta(days=rng.randint(120, 700)), LAST_DAY)
        return history

    def organisations(self, county, municipalities):
        orgs = []
        if municipalities:
            orgs.append((f"{municipalities[0].name} kommun", OrganisationKind.MUNICIPALITY))
        orgs.append((f"Region {county.short_name}", OrganisationKind.REGION))
        if self.rng.random() < 0.3:
            orgs.append(
                (f"Samordningsförbundet {county.short_name}", OrganisationKind.COORDINATION)
            )
        return [
            ExampleOrganisation(
                name=name,
                kind=kind,
                role=ExampleOrganisation.Role.OWNER
                if order == 0
                else ExampleOrganisation.Role.PARTNER,
                sort_order=order,
            )
            for order, (name, kind) in enumerate(orgs)
        ]

    # Inserts -------------------------------------------------------------------------------

    @staticmethod
    def insert_pages(pages):
        """The page rows, then the example rows (Django's bulk_create refuses multi-table models)."""
        base_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
        rows = Page.objects._insert(
            pages, fields=base_fields, returning_fields=Page._meta.db_returning_fields
        )
        for page, (pk,) in zip(pages, rows, strict=True):
            page.pk = page.id = page.page_ptr_id = pk
        ExamplePage.objects._insert(pages, fields=ExamplePage._meta.local_concrete_fields)

    def insert_revisions(self, pages, now):
        Revision.objects.bulk_create(
            [
                Revision(
                    content_type=self.page_type,
                    base_content_type=self.base_type,
                    object_id=str(page.pk),
                    object_str=page.title,
                    created_at=now,
                    content=page.serializable_data(),
                )
                for page in pages
            ]
        )
        revision = Subquery(
            Revision.objects.filter(
                base_content_type=self.base_type, object_id=Cast(OuterRef("pk"), CharField())
            )
            .order_by("-pk")
            .values("pk")[:1]
        )
        Page.objects.filter(pk__in=[page.pk for page in pages]).update(
            latest_revision_id=revision, live_revision_id=revision
        )

    @staticmethod
    def insert_relations(pages):
        for name in ("municipalities", "target_areas", "target_groups", "goals"):
            field = ExamplePage._meta.get_field(name)
            through = field.remote_field.through
            source = field.m2m_field_name() + "_id"
            target = field.m2m_reverse_field_name() + "_id"
            through.objects.bulk_create(
                [
                    through(**{source: page.pk, target: item.pk})
                    for page in pages
                    for item in getattr(page, name).all()
                ]
            )
        for model, name, parent_key in (
            (StageChange, "stage_history", "page_id"),
            (ExampleOrganisation, "organisations", "page_id"),
            (ExampleAttachment, "attachments", "page_id"),
            (ExamplePageTag, "tagged_items", "content_object_id"),
        ):
            children = []
            for page in pages:
                for child in getattr(page, name).all():
                    setattr(child, parent_key, page.pk)
                    children.append(child)
            model.objects.bulk_create(children)
