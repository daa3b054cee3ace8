"""``manage.py search_index create|rebuild|sync|reconcile|check|status``.

The database index is always maintained (it is the fallback); Elasticsearch too when
``ELASTICSEARCH_URL`` is set. Run ``sync`` periodically (e.g. every five minutes from cron or a
systemd timer) to apply changes queued while Elasticsearch was unreachable.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from search import indexing
from search.backends.base import SearchBackendError
from search.models import IndexChange, SearchDocument
from website.cronlock import already_running, single_run

ACTIONS = {
    "create": "skapa index som saknas (Elasticsearch: ett versionerat index bakom aliaset)",
    "rebuild": "bygg om indexen från databasen (Elasticsearch: nytt index, sedan byte av alias)",
    "sync": "tillämpa väntande ändringar, t.ex. efter ett avbrott i Elasticsearch",
    "reconcile": "hitta och rätta skillnader mellan databasen och indexen",
    "check": "jämför mappningen i koden med den i Elasticsearch",
    "status": "visa antal dokument, väntande ändringar och aktuellt index",
}


class Command(BaseCommand):
    help = "Sökindexet: " + "; ".join(f"{name}: {text}" for name, text in ACTIONS.items())

    def add_arguments(self, parser):
        parser.add_argument("action", choices=list(ACTIONS))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="reconcile: visa skillnaderna utan att rätta dem",
        )

    def handle(self, *args, action, dry_run=False, **options):
        try:
            getattr(self, f"handle_{action}")(dry_run=dry_run)
        except SearchBackendError as exc:
            # The message says which: refused with the server's reason, or not answering.
            raise CommandError(str(exc)) from exc

    def say(self, line):
        self.stdout.write(line)

    def es(self):
        return indexing.elasticsearch_index() if indexing.elasticsearch_enabled() else None

    def handle_create(self, **_):
        self.say(
            f"Databasindex: {SearchDocument.objects.count()} dokument (tabellerna skapas av migrate)"
        )
        if not SearchDocument.objects.exists():
            count = indexing.rebuild_database(self.say)
            self.say(self.style.SUCCESS(f"Databasindex: {count} exempel indexerade"))
        if backend := self.es():
            name = backend.create()
            self.say(self.style.SUCCESS(f"Elasticsearch: aliaset {backend.alias} pekar på {name}"))

    def handle_rebuild(self, **_):
        self.say("Databasindex: bygger om …")
        count = indexing.rebuild_database(self.say)
        self.say(self.style.SUCCESS(f"Databasindex: {count} exempel indexerade"))
        if backend := self.es():
            self.say("Elasticsearch: bygger nytt index …")
            name = backend.rebuild(self.say)
            self.say(self.style.SUCCESS(f"Elasticsearch: {name} är nu aktivt"))
        pending = IndexChange.objects.filter(applied_at=None)
        if not indexing.elasticsearch_enabled():
            pending.update(applied_at=timezone.now())

    def handle_sync(self, **_):
        # Run from cron on every server: one run at a time (website/cronlock.py).
        with single_run("search_index_sync") as acquired:
            if not acquired:
                already_running(self, "search_index sync")
                return
            self._sync()

    def _sync(self):
        pending = IndexChange.objects.filter(applied_at=None).count()
        self.say(f"{pending} väntande ändringar")
        applied, remaining = indexing.sync(self.say)
        if remaining:
            oldest = IndexChange.objects.filter(applied_at=None).order_by("pk").first()
            reason = oldest.last_error if oldest and oldest.last_error else "okänt fel"
            raise CommandError(
                f"{applied} ändringar tillämpade, {remaining} väntar fortfarande: {reason}"
            )
        self.say(self.style.SUCCESS(f"Klart: {applied} ändringar tillämpade"))

    def handle_reconcile(self, dry_run=False, **_):
        backends = [("Databasindex", indexing.database_index())]
        if backend := self.es():
            backends.append(("Elasticsearch", backend))
        for label, backend in backends:
            self.say(f"{label}: jämför med databasen …")
            drift = indexing.reconcile(backend, self.say, fix=not dry_run)
            summary = ", ".join(
                f"{len(ids)} {name}"
                for name, ids in (
                    ("saknas", drift["missing"]),
                    ("ska bort", drift["extra"]),
                    ("inaktuella", drift["stale"]),
                )
            )
            if any(drift.values()):
                verb = "hittade" if dry_run else "rättade"
                self.say(self.style.WARNING(f"{label}: {verb} {summary}"))
            else:
                self.say(self.style.SUCCESS(f"{label}: stämmer med databasen"))

    def handle_check(self, **_):
        backend = self.es()
        if backend is None:
            self.say("ELASTICSEARCH_URL är inte satt: sidan söker i databasen, inget att jämföra.")
            return
        problems = backend.check()
        if problems:
            for problem in problems:
                self.say(self.style.ERROR(problem))
            raise CommandError("Indexet stämmer inte med koden: kör `search_index rebuild`.")
        self.say(self.style.SUCCESS(f"Mappning och analys i {backend.current_index()} stämmer."))

    def handle_status(self, **_):
        published = indexing.indexable_examples().count()
        self.say(f"Publicerade, öppna exempel: {published}")
        self.say(f"Databasindex: {SearchDocument.objects.count()} dokument")
        pending = IndexChange.objects.filter(applied_at=None)
        self.say(f"Väntande ändringar: {pending.count()}")
        oldest = pending.order_by("created_at").first()
        if oldest:
            self.say(
                f"  äldsta från {oldest.created_at:%Y-%m-%d %H:%M}: {oldest.last_error or '–'}"
            )
        if backend := self.es():
            status = backend.status()
            self.say(
                f"Elasticsearch: alias {status['alias']} → {status['index'] or '(saknas)'}, "
                f"{status['documents']} dokument"
            )
        else:
            self.say("Elasticsearch: inte konfigurerat (ELASTICSEARCH_URL saknas)")
