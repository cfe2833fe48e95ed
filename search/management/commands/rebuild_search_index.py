from django.core.management.base import BaseCommand

from search.engine import get_engine
from search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the public search index from every registered source (both engines)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--recreate",
            action="store_true",
            help="Drop and recreate the Elasticsearch index first (new mapping or analyzer).",
        )

    def handle(self, *args, recreate=False, **options):
        engine = get_engine()
        if recreate and hasattr(engine, "recreate"):
            engine.recreate()
        count = rebuild(stdout=self.stdout if options["verbosity"] > 1 else None)
        if options["verbosity"]:
            self.stdout.write(f"Indexed {count} entries with the {engine.name} engine.")
