"""Anonymise the requests whose retention period has ended (000 7.2, 003 7.3).

Celery beat runs the same work daily (anonymise-expired-requests); this is for cron or by hand.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from services.retention import anonymise_due


class Command(BaseCommand):
    help = "Anonymise the requests whose retention period has ended."

    def handle(self, *args, **options):
        count = anonymise_due()
        self.stdout.write(
            ngettext("%(count)d request anonymised.", "%(count)d requests anonymised.", count)
            % {"count": count}
        )
