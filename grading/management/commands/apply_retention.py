from django.conf import settings
from django.core.management.base import BaseCommand

from grading.services import privacy


class Command(BaseCommand):
    help = (
        "Remove the role text of requests past RETENTION_DAYS (and everything that quotes it): "
        "settled and withdrawn ones from the decision or withdrawal, drafts and returned ones from "
        "their last change. The decision and its motivation stay. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list the requests that are due; change nothing."
        )

    def handle(self, *args, dry_run, **options):
        days = settings.RETENTION_DAYS
        due = privacy.retention_apply(days=days, dry_run=dry_run)
        if dry_run:
            for submission in due:
                self.stdout.write(f"{submission.reference}  {submission.get_status_display()}  {submission.title}")
            self.stdout.write(f"{len(due)} aanvragen ouder dan {days} dagen zouden worden geanonimiseerd (proefdraai).")
        else:
            self.stdout.write(f"{len(due)} aanvragen ouder dan {days} dagen geanonimiseerd.")
