from django.conf import settings
from django.core.management.base import BaseCommand

from accounts import sessions
from accounts.security_log import security_log_prune


class Command(BaseCommand):
    help = (
        "Remove the security log's lines older than SECURITY_LOG_DAYS, and the recorded keys of "
        "sessions that have expired. Run it daily, like apply_retention."
    )

    def handle(self, *args, **options):
        days = settings.SECURITY_LOG_DAYS
        removed = security_log_prune(days=days)
        sessions.sessions_prune()
        self.stdout.write(f"{removed} regels van het beveiligingslog ouder dan {days} dagen verwijderd.")
