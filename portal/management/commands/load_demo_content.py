from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import load_site
from resources.demo import load_directory
from resources.demo.loaders import load_cases, load_equipment, load_knowledge, load_library
from search.demo import load_synonyms
from services.demo import load_catalogue, load_requests


class Command(BaseCommand):
    help = (
        "Build the demo site from the standards. Safe to run again: it updates, never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-index", action="store_true", help="Do not rebuild the search index at the end."
        )

    def handle(self, *args, skip_index=False, **options):
        with transaction.atomic():
            home = load_site()
            institutions = load_directory()
            load_catalogue(home, institutions)
            load_equipment(institutions)
            load_cases(home)
            load_library(home)
            load_knowledge(home)
            load_requests()
            load_synonyms()
        if not skip_index:
            call_command("update_index", verbosity=0)  # Wagtail's admin search
            call_command("rebuild_search_index", verbosity=0)  # the public search
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
