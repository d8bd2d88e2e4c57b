from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from grading.services import privacy


class Command(BaseCommand):
    help = (
        "Erase one person's data on request: the texts of their requests, their name, e-mail and "
        "user name; the account becomes unusable. Decisions and history stay, attributed to "
        '"verwijderde gebruiker".'
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The user name of the person to erase.")

    def handle(self, *args, username, **options):
        try:
            erasure = privacy.person_erase(username=username)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"{username} verwijderd: {erasure.requests} aanvragen geanonimiseerd"
            + (f", waarvan {erasure.open_requests} nog niet afgerond" if erasure.open_requests else "")
            + "."
        )
