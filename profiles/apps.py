from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "profiles"
    verbose_name = "Functieprofielen"

    def ready(self) -> None:
        from profiles.catalogue import changes

        changes.connect()
