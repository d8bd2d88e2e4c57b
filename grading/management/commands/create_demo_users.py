import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from grading.roles import FUNCTIONAL_ADMIN, HR_ADVISER, MANAGER, ensure_roles


DEMO_MAIL_DOMAIN = "voorbeeld.nl"  # a reserved-looking domain: demo mail reaches nobody real


def new_password() -> str:
    return secrets.token_urlsafe(12)


class Command(BaseCommand):
    help = (
        "Create (or reset) a demo manager and a demo HR adviser (and, with --beheerder, a functional "
        "administrator) with fresh passwords, and print them. For a demo only: it never runs by itself."
    )

    def add_arguments(self, parser):
        parser.add_argument("--manager", default="leidinggevende", help="Username of the manager (default: leidinggevende).")
        parser.add_argument("--adviser", default="hr-adviseur", help="Username of the HR adviser (default: hr-adviseur).")
        parser.add_argument(
            "--beheerder", default=None, metavar="NAME",
            help="Also create a functional administrator (group Functioneel beheerder) with this username.",
        )

    def handle(self, *args, manager, adviser, beheerder, **options):
        groups = ensure_roles()
        User = get_user_model()
        users = [(manager, MANAGER), (adviser, HR_ADVISER)] + ([(beheerder, FUNCTIONAL_ADMIN)] if beheerder else [])
        for username, role in users:
            user, created = User.objects.get_or_create(username=username)
            password = new_password()
            user.set_password(password)
            user.email = user.email or f"{username}@{DEMO_MAIL_DOMAIN}"  # so notifications reach them
            user.save()
            user.groups.add(groups[role])
            action = "aangemaakt" if created else "nieuw wachtwoord"
            self.stdout.write(f"{role}: gebruikersnaam {username}, wachtwoord {password} ({action}); e-mail {user.email}")
        self.stdout.write("Demogebruikers klaar. Log in op /accounts/login/.")
