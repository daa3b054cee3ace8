"""``manage.py generate_bench_data [--count N] [--replace]``: synthetic examples for the benchmark.

The work is in ``bench/generator.py`` (bulk inserts) and ``bench/purge.py`` (bulk deletion).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.generator import Generator, synthetic_examples
from bench.purge import purge
from website import pagecache


class Command(BaseCommand):
    help = (
        "Skapar syntetiska goda exempel för prestandamätningen (make bench), i stora satser. "
        "Bygg sökindexet efteråt med manage.py search_index rebuild."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000, help="antal exempel (10 000)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="ta bort tidigare syntetiska exempel först",
        )
        parser.add_argument(
            "--unless-present",
            action="store_true",
            help="gör ingenting om exakt så många syntetiska exempel redan finns, ersätt dem annars",
        )
        parser.add_argument("--seed", type=int, default=2026, help="slumpfrö (2026)")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, count, replace, unless_present, seed, batch_size, **options):
        if count < 0 or batch_size < 1:
            raise CommandError("Antalet måste vara 0 eller mer och satsstorleken minst 1.")
        existing = synthetic_examples().count()
        if unless_present and existing == count:
            self.stdout.write(f"Det finns redan {existing} syntetiska exempel; inget att göra.")
            return
        if (replace or unless_present) and existing:
            self.stdout.write(f"Tar bort {existing} syntetiska exempel …")
            purge(self.stdout.write)
            pagecache.purge()
        started = time.monotonic()
        self.stdout.write(f"Skapar {count} syntetiska exempel …")
        try:
            made = Generator(seed=seed, progress=self.stdout.write).run(count, batch_size)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        # The bulk writes bypass the signals that purge the page cache: start a new generation.
        pagecache.purge()
        analyze_tables()
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{made} syntetiska exempel på {seconds:.1f} s. "
                "Bygg sökindexet: manage.py search_index rebuild"
            )
        )


def analyze_tables() -> None:
    """Statistics for the planner after thousands of rows arrived at once, as autovacuum would
    take them later: with the old ones PostgreSQL plans for the empty tables (routing read every
    page under a section to find one)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
