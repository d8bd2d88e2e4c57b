import pytest
from django.core.management import call_command

from profiles.models import JobFamily


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the four families once per test session; each test rolls its own changes back."""
    with django_db_blocker.unblock():
        call_command("import_families", verbosity=0)


@pytest.fixture
def catalogue(db):
    """The families, also after a transactional test has flushed the database."""
    if not JobFamily.objects.exists():
        call_command("import_families", verbosity=0)
    return JobFamily.objects.all()


@pytest.fixture(autouse=True)
def _fresh_catalogue_caches():
    """Pages and the search index are cached per catalogue version; tests change family data
    without a new version, so every test starts with empty caches."""
    from profiles.selectors import clear_catalogue_caches

    clear_catalogue_caches()


PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """`collectstatic` with the production storage (hashed, compressed names), once per session."""
    from django.test import override_settings

    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root, STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", "--noinput", verbosity=0)
    return root


@pytest.fixture(scope="module")
def production_static(collected_static):
    """Serve and print as production does: DEBUG off and the manifest storage's hashed names."""
    from django.test import override_settings

    with override_settings(
        DEBUG=False, STATIC_ROOT=collected_static, STORAGES=PRODUCTION_STORAGES, WHITENOISE_USE_FINDERS=False
    ):
        yield collected_static


@pytest.fixture(autouse=True)
def _two_factor_off_unless_a_test_turns_it_on(settings):
    """Production requires a second factor (TWO_FACTOR_REQUIRED=True); the tests sign people in
    with force_login, so they run without it, and the tests of two-factor login
    (tests/accounts/test_two_factor_*.py) and the role walk turn it on themselves."""
    settings.TWO_FACTOR_REQUIRED = False
