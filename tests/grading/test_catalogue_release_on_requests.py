"""A request names the published catalogue version it was graded against, and says when the
catalogue has changed since; a regrade records the change in the history."""

import pytest

from grading.services import submissions
from profiles.catalogue.versions import release_latest, release_publish
from profiles.models import CatalogueRelease, Element
from tests.factory import make_submission

pytestmark = pytest.mark.django_db


def publish_a_change(by) -> CatalogueRelease:
    element = Element.objects.filter(cell__level__family__slug="div-ict").first()
    element.text += " (bijgewerkt)"
    element.save()
    return release_publish(by=by, comment="Tekst bijgewerkt.", origin=CatalogueRelease.Origin.UPLOAD)


def test_the_page_names_the_version_graded_against_and_a_newer_one(manager_client, manager, adviser, catalogue):
    if release_latest() is None:
        release_publish(by=adviser, comment="Eerste versie.", origin=CatalogueRelease.Origin.IMPORT)
    graded = release_latest()
    submission = make_submission(author=manager)
    html = manager_client.get(f"/aanvragen/{submission.pk}/").content.decode()
    assert f"Ingedeeld met catalogusversie {graded.number}" in html and "sindsdien gewijzigd" not in html
    newer = publish_a_change(adviser)
    html = manager_client.get(f"/aanvragen/{submission.pk}/").content.decode()
    assert f"De catalogus is sindsdien gewijzigd (nu versie {newer.number})" in html


def test_a_regrade_against_a_newer_version_says_so_in_the_history(manager, adviser, catalogue):
    if release_latest() is None:
        release_publish(by=adviser, comment="Eerste versie.", origin=CatalogueRelease.Origin.IMPORT)
    before = release_latest()
    submission = make_submission(author=manager)
    after = publish_a_change(adviser)
    submissions.submission_regrade(submission=submission, by=manager)
    event = submission.events.latest("id")
    assert f"versie {before.number} is nu versie {after.number}" in event.comment


def test_a_regrade_without_a_change_says_nothing_of_the_catalogue(manager, catalogue):
    submission = make_submission(author=manager)
    submissions.submission_regrade(submission=submission, by=manager)
    assert "catalogus" not in submission.events.latest("id").comment
