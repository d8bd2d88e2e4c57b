from django.core.management.base import BaseCommand, CommandError

from grading.objection_reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Mail the HR advisers about open objections whose current step is due within N days or overdue; "
        "a mail carries only the kenmerk and a link. Run it daily (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7,
                            help="Remind of due dates from today up to this many days ahead (default 7).")

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days is een geheel getal van 0 of meer.")
        sent = reminders_send(days=days)
        self.stdout.write(f"{sent} herinneringen verstuurd over bezwaartermijnen binnen {days} dagen.")
