from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Gebruikers en beveiliging"

    def ready(self) -> None:
        from accounts import receivers

        receivers.connect()
