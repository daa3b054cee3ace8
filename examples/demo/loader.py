"""Build the demo site: page tree, taxonomy, the seeds' good examples, seminars and users.

Idempotent: everything is looked up by slug, code or e-mail first and only created when
missing, so a second run changes nothing (``tests/test_demo_content.py`` checks this).
"""

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from examples.demo import content, site_pages, steps
from examples.demo.fact_sheet import fact_sheet
from examples.demo.illustrations import DEMO_ILLUSTRATION_CREDIT, draw_illustration
from examples.models import (
    County,
    CountyDialogue,
    CountyIndexPage,
    CustomImage,
    DialogueKind,
    ExampleAttachment,
    ExampleIndexPage,
    ExampleOrganisation,
    ExamplePage,
    Goal,
    GoalIndexPage,
    Municipality,
    OverviewPage,
    SeminarIndexPage,
    SeminarItem,
    SeminarPage,
    StageChange,
    TargetArea,
    TargetGroup,
)
from examples.taxonomy_loader import load_taxonomy
from members.sharing.moderation import ensure_review_workflow
from website import siteurl
from website.models import AccessibilityStatementPage, ContentPage, HomePage

# The example that carries the demo's one attachment (a fact sheet the site writes itself).
FACT_SHEET_EXAMPLE = "proaktiv-halsostyrning-gavleborg"
# The presentation the examples come from is from 2023; it is the date their stage is known for.
STAGE_KNOWN_AS_OF = datetime.date(2023, 1, 1)
DIALOGUE_PERIODS = {
    DialogueKind.REGIONAL_WORKSHOP: ("regional_workshop", "2017"),
    DialogueKind.COUNTY_DIALOGUE: ("lansdialog", "2020–2023"),
    DialogueKind.FOLLOW_UP: ("uppfoljande_samtal", "2023"),
}
# The demo editor's authenticator secret (base32), so the admin's TOTP step can be tried: add it
# to an authenticator app by hand. Development only, like the password; see the README.
DEMO_EDITOR_TOTP_SECRET = "M5XWIYJNMV4GK3LQMVWC24TFMRQWW5BB"  # noqa: S105  # nosec B105 - dev-only demo
EDITORS_GROUP = "Redaktörer"
MEMBERS_GROUP = "Medlemmar"
DEMO_USERS = {
    "editor": {
        "email": "redaktor@example.se",
        "password": "demo-redaktor-2026",  # nosec B105 - development-only demo account, documented
        "first_name": "Demo",
        "last_name": "Redaktör",
    },
    "member": {
        "email": "medlem@example.se",
        "password": "demo-medlem-2026",  # nosec B105 - development-only demo account, documented
        "first_name": "Demo",
        "last_name": "Medlem",
    },
}


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)

    def add(self, what: str) -> None:
        self.created.append(what)


class DemoLoader:
    def __init__(self, progress: Callable[[str], None] | None = None, with_users: bool = True):
        self.say = progress or (lambda line: None)
        self.with_users = with_users
        self.report = DemoReport()

    @transaction.atomic
    def run(self) -> DemoReport:
        self.say("Taxonomi …")
        load_taxonomy(progress=lambda line: self.say(f"  {line}"))
        home = self.ensure_home()
        indexes = self.ensure_sections(home)
        self.say("Innehållssidor …")
        for spec in site_pages.CONTENT_PAGES:
            self.ensure_content_page(home, spec)
        self.ensure_accessibility_statement(home, site_pages.ACCESSIBILITY_STATEMENT)
        self.say("Dialoger med länen …")
        self.ensure_dialogues()
        self.say(f"Goda exempel ({len(content.EXAMPLES)}) …")
        for number, spec in enumerate(content.EXAMPLES, start=1):
            self.ensure_example(indexes["examples"], spec)
            self.say(f"  [{number}/{len(content.EXAMPLES)}] {spec['title']}")
        self.ensure_fact_sheet_attachment()
        self.say("Granskningsflöde …")
        ensure_review_workflow(indexes["examples"])
        self.say("Seminarier …")
        for spec in content.SEMINARS:
            self.ensure_seminar(indexes["seminars"], spec)
        if self.with_users:
            self.say("Demoanvändare …")
            self.ensure_users(home)
        for name, step in steps.registered():
            self.say(f"{name} …")
            step(self)
        return self.report

    # Page tree -----------------------------------------------------------------------------

    def ensure_home(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(
                instance=HomePage(
                    title="Goda exempel för hälsa",
                    slug="start",
                    seo_title="Goda exempel för hälsa – Strategi för hälsa",
                    introduction=(
                        "<p>Här delar kommuner och regioner goda exempel inom Strategi för hälsa: "
                        "vad de gör, var, för vilka och hur långt arbetet har kommit.</p>"
                    ),
                )
            )
            self.report.add("startsida")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            _scheme, hostname, port = siteurl.address()
            Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=home,
                is_default_site=True,
                site_name="Goda exempel för hälsa",
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "Goda exempel för hälsa"
            site.save()
            if old_root.specific_class is Page and not old_root.get_children().exists():
                old_root.delete()  # Wagtail's "Welcome" placeholder
        # Absolute links follow SITE_URL, also on a database made with an older address.
        siteurl.sync_default_site()
        return home

    def ensure_child(self, parent, model, slug, **fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing
        page = parent.add_child(instance=model(slug=slug, **fields))
        self.report.add(f"sida {slug}")
        return page

    def ensure_sections(self, home):
        return {
            "examples": self.ensure_child(
                home,
                ExampleIndexPage,
                "goda-exempel",
                title="Goda exempel",
                show_in_menus=True,
                introduction="<p>Alla publicerade goda exempel, de senaste först.</p>",
            ),
            "goals": self.ensure_child(
                home,
                GoalIndexPage,
                "mal",
                title="Mål",
                show_in_menus=True,
                introduction=(
                    "<p>Strategi för hälsa har 22 mål med indikatorer i tre målområden. De har tagits "
                    "fram tillsammans med kommuner och regioner.</p>"
                ),
            ),
            "counties": self.ensure_child(
                home,
                CountyIndexPage,
                "lan",
                title="Län",
                show_in_menus=True,
                introduction="<p>Sveriges 21 län, deras goda exempel och dialogerna med SKR.</p>",
            ),
            "seminars": self.ensure_child(
                home,
                SeminarIndexPage,
                "seminarier",
                title="Seminarier",
                show_in_menus=True,
                introduction="<p>Seminarier där län berättar om sina goda exempel.</p>",
            ),
            "overview": self.ensure_child(
                home,
                OverviewPage,
                "oversikt",
                title="Översikt",
                show_in_menus=True,
                introduction=(
                    "<p>Var görs arbetet, hur långt har det kommit och vilka mål påverkar det? "
                    "Siffrorna räknas från de publicerade goda exemplen.</p>"
                ),
            ),
        }

    def ensure_content_page(self, home, spec):
        if ContentPage.objects.child_of(home).filter(slug=spec["slug"]).exists():
            return
        body = [("paragraph", html) for html in spec["paragraphs"]]
        self.ensure_child(
            home,
            ContentPage,
            spec["slug"],
            title=spec["title"],
            introduction=spec["introduction"],
            body=body,
            show_in_menus=spec["show_in_menus"],
            show_in_footer=spec["show_in_footer"],
            last_reviewed=datetime.date(2026, 11, 23),
        )

    def ensure_accessibility_statement(self, home, spec):
        """The statement as its own page type; an older database's content page of the same
        address (the demo's first version) gives way to it."""
        if AccessibilityStatementPage.objects.child_of(home).exists():
            return
        old = ContentPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if old is not None:
            old.delete()
        fields = dict(spec)
        fields["shortcomings"] = [("shortcoming", item) for item in spec["shortcomings"]]
        for key in ("assessment_date", "last_updated"):
            fields[key] = datetime.date.fromisoformat(spec[key])
        page = home.add_child(instance=AccessibilityStatementPage(**fields))
        page.save_revision().publish()
        self.report.add(f"sida {spec['slug']}")

    def ensure_fact_sheet_attachment(self):
        """One example carries an attachment: a fact sheet the site writes from the example's
        own facts (the seeds give no document)."""
        spec = next(s for s in content.EXAMPLES if s["slug"] == FACT_SHEET_EXAMPLE)
        page = ExamplePage.objects.filter(slug=spec["slug"]).first()
        if page is None or page.attachments.exists():
            return
        title = f"{spec['title']} i korthet"
        data = fact_sheet(
            title,
            [
                ("Sammanfattning", [spec["summary"]]),
                ("Län", [page.county.name]),
                ("Kommuner", [m.name for m in page.municipalities.order_by("name")]),
                ("Steg", [f"Steg {spec['stage']}: {content.STAGES[spec['stage']]}"]),
                ("Mål som arbetet påverkar", [g.text for g in page.goals.order_by("number")]),
                ("Organisationer", [org["name"] for org in spec["organisations"]]),
            ],
            f"Skrivet av webbplatsen Goda exempel för hälsa utifrån exemplets sida. "
            f"Källa: {content.SOURCE}.",
        )
        document = get_document_model().objects.create(
            title=title, file=ContentFile(data, name=f"{spec['slug']}-i-korthet.odt")
        )
        page.attachments = [ExampleAttachment(document=document, title=title)]
        page.save_revision().publish()
        self.report.add(f"bilaga {spec['slug']}")

    # Taxonomy-bound demo data --------------------------------------------------------------

    def ensure_dialogues(self):
        path = Path(__file__).with_name("county_dialogues.csv")
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        counties = {c.code: c for c in County.objects.prefetch_related("dialogues")}
        for row in rows:
            county = counties[row["county_code"]]
            if county.dialogues.all():
                continue  # editors own the history once it exists
            held = [
                (kind, period)
                for kind, (column, period) in DIALOGUE_PERIODS.items()
                if row[column] == "1"
            ]
            for kind, period in held:
                CountyDialogue.objects.create(county=county, kind=kind, period=period)
            if held:
                self.report.add(f"dialoger {county.code}")

    # Examples and seminars -----------------------------------------------------------------

    def ensure_example(self, index, spec):
        if ExamplePage.objects.filter(slug=spec["slug"]).exists():
            return
        page = ExamplePage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            body=[("paragraph", f"<p>{escape(p)}</p>") for p in spec["body"]],
            county=County.objects.get(code=spec["county"]),
            stage=spec["stage"],
            start_year=spec["start_year"],
            end_year=spec["end_year"],
            results=paragraphs(spec["results"]),
            lessons=paragraphs(spec["lessons"]),
            transfer=paragraphs(spec["transfer"]),
            cover_image=self.illustration(spec),
            search_description=spec["summary"][:300],
        )
        page.municipalities = list(Municipality.objects.filter(code__in=spec["municipalities"]))
        page.target_areas = list(TargetArea.objects.filter(slug__in=spec["target_areas"]))
        page.target_groups = list(TargetGroup.objects.filter(slug__in=spec["target_groups"]))
        page.goals = list(Goal.objects.filter(number__in=spec["goals"]))
        page.organisations = [ExampleOrganisation(**org) for org in spec["organisations"]]
        page.stage_history = [
            StageChange(
                stage=spec["stage"],
                date=STAGE_KNOWN_AS_OF,
                precision=StageChange.Precision.YEAR,
                note=f"{spec['stage_basis']} Källa: {content.SOURCE}.",
            )
        ]
        page.tags.add(*spec["tags"])
        index.add_child(instance=page)
        page.save_revision().publish()
        self.report.add(f"exempel {spec['slug']}")

    def illustration(self, spec):
        data = draw_illustration(spec["slug"], spec["palette"])
        return CustomImage.objects.create(
            title=spec["title"],
            description=spec["image_alt"],
            is_decorative=True,
            credit=DEMO_ILLUSTRATION_CREDIT,
            file=ImageFile(io.BytesIO(data), name=f"{spec['slug']}.png"),
        )

    def ensure_seminar(self, index, spec):
        if SeminarPage.objects.filter(slug=spec["slug"]).exists():
            return
        day = datetime.date.fromisoformat(spec["date"])
        tz = timezone.get_current_timezone()

        def at(clock):
            return datetime.datetime.combine(day, datetime.time.fromisoformat(clock), tzinfo=tz)

        seminar = SeminarPage(
            title=spec["title"],
            slug=spec["slug"],
            starts_at=at(spec["start"]),
            ends_at=at(spec["end"]),
            theme=TargetGroup.objects.filter(slug=spec["theme"]).first(),
            introduction="".join(f"<p>{escape(p)}</p>" for p in spec["introduction"]),
        )
        examples = {
            p.slug: p for p in ExamplePage.objects.filter(slug__in=[s for s, _ in spec["items"]])
        }
        seminar.items = [
            SeminarItem(example=examples[slug], presenter_note=note, sort_order=order)
            for order, (slug, note) in enumerate(spec["items"])
        ]
        index.add_child(instance=seminar)
        seminar.save_revision().publish()
        self.report.add(f"seminarium {spec['slug']}")

    # Users ---------------------------------------------------------------------------------

    def ensure_users(self, home):
        from members.models import MemberProfile

        editors = self.ensure_editors_group(home)
        members, _ = Group.objects.get_or_create(name=MEMBERS_GROUP)
        User = get_user_model()
        for key, group in (("editor", editors), ("member", members)):
            spec = DEMO_USERS[key]
            user = User.objects.filter(email=spec["email"]).first()
            if user is not None:
                self.ensure_verified_email(user)
                if key == "editor":
                    self.ensure_editor_totp(user)
                continue
            user = User.objects.create_user(
                username=spec["email"],
                email=spec["email"],
                password=spec["password"],
                first_name=spec["first_name"],
                last_name=spec["last_name"],
            )
            user.groups.add(group)
            self.ensure_verified_email(user)
            if key == "editor":
                self.ensure_editor_totp(user)
            if key == "member":
                MemberProfile.objects.create(
                    user=user, organisation="Demokommunen", title="Utvecklingsledare"
                )
            self.report.add(f"användare {spec['email']}")

    @staticmethod
    def ensure_editor_totp(user):
        """Admin accounts must log in with TOTP; the demo editor's app uses the known secret."""
        from allauth.mfa.models import Authenticator
        from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
        from allauth.mfa.totp.internal.auth import TOTP

        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_EDITOR_TOTP_SECRET)
        if not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.RECOVERY_CODES
        ).exists():
            RecoveryCodes.activate(user)

    @staticmethod
    def ensure_verified_email(user):
        """allauth lets only verified addresses log in; the demo accounts' are verified."""
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )

    def ensure_editors_group(self, home):
        """Editors run the site in the admin: pages, images, documents and the taxonomy."""
        group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        root_collection = Collection.get_first_root_node()
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
            for action in ("add", "change", "choose"):
                perm = Permission.objects.filter(
                    codename=f"{action}_{model}", content_type__app_label__in=[app, "examples"]
                ).first()
                if perm:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=perm
                    )
        for model in ("county", "municipality", "goal", "goalarea", "targetarea", "targetgroup"):
            for action in ("add", "change"):
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label="examples", codename=f"{action}_{model}"
                    )
                )
        return group


def paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())
