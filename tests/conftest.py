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
