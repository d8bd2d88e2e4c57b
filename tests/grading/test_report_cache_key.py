"""The report PDF's cache key covers everything the report prints, so a catalogue release, a changed
level name, a renamed person or the organisation's name gives a new PDF; nothing else does."""

import pytest
from django.core.cache import cache

from grading import reports
from grading.models import Submission
from profiles.catalogue.versions import release_latest
from profiles.models import CatalogueRelease, CatalogueVersion, Level
from tests.factory import make_submission

pytestmark = pytest.mark.django_db
S = Submission.Status


def release(by) -> CatalogueRelease:
    """A new published version of the catalogue as it stands: the data version does not move,
    but the report's line "De catalogus is sindsdien gewijzigd (nu versie N)" does."""
    latest = release_latest()
    return CatalogueRelease.objects.create(
        number=(latest.number if latest else 0) + 1, origin=CatalogueRelease.Origin.choices[0][0],
        published_by=by, comment="Nieuwe versie", data_version=CatalogueVersion.current(),
    )


@pytest.fixture
def submission(manager, adviser, catalogue):
    return make_submission(author=manager, status=S.SETTLED, by=adviser)


def test_the_same_state_gives_the_same_key_and_the_cached_pdf(submission):
    first = reports.report_pdf(submission)
    key = reports.report_cache_key(submission)
    assert reports.report_cache_key(submission) == key
    assert cache.get(reports.report_slot(submission.pk)) == (key, first)
    assert reports.report_pdf(submission) is not None


def test_a_catalogue_release_gives_a_new_key(submission, adviser):
    key = reports.report_cache_key(submission)
    release(adviser)
    assert reports.report_cache_key(submission) != key


def test_a_changed_level_name_gives_a_new_key(submission):
    """Level names and the neutrality comparison are read from today's catalogue (its data version)."""
    key = reports.report_cache_key(submission)
    level = Level.objects.filter(family=submission.final_family).first()
    level.name = level.name + " (nieuw)"
    level.save()
    assert reports.report_cache_key(submission) != key


@pytest.mark.parametrize("who", ["manager", "adviser"])
def test_a_renamed_person_gives_a_new_key(submission, who, request):
    key = reports.report_cache_key(submission)
    person = request.getfixturevalue(who)
    person.last_name = "Anders"
    person.save()
    assert reports.report_cache_key(submission) != key


def test_the_organisation_s_name_is_part_of_the_key(submission, settings):
    key = reports.report_cache_key(submission)
    settings.ORGANISATION_NAME = "Gemeente Voorbeeld"
    assert reports.report_cache_key(submission) != key


def test_a_release_prints_a_new_pdf(submission, adviser, monkeypatch):
    renders = []
    real = reports.render_pdf
    monkeypatch.setattr(reports, "render_pdf", lambda *args, **kwargs: renders.append(1) or real(*args, **kwargs))
    reports.report_pdf(submission)
    reports.report_pdf(submission)
    assert len(renders) == 1
    release(adviser)
    reports.report_pdf(submission)
    assert len(renders) == 2
