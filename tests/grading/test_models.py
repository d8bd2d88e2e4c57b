import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from grading.models import AppendOnlyError, GradingSnapshot, Submission, SubmissionEvent
from tests.factory import make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(manager, catalogue):
    return make_submission(author=manager)


def test_history_lines_cannot_be_changed_or_deleted(submission):
    event = submission.events.get()
    event.comment = "anders"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        SubmissionEvent.objects.filter(pk=event.pk).update(comment="anders")
    with pytest.raises(AppendOnlyError):
        SubmissionEvent.objects.all().delete()


def test_engine_results_cannot_be_changed_or_deleted(submission):
    snapshot = submission.snapshots.get()
    with pytest.raises(AppendOnlyError):
        snapshot.save()
    with pytest.raises(AppendOnlyError):
        GradingSnapshot.objects.filter(pk=snapshot.pk).update(result={})
    with pytest.raises(AppendOnlyError):
        snapshot.delete()


def test_the_confidence_is_put_in_words(submission):
    snapshot = submission.snapshots.get()
    for confidence, words in ((0.9, "hoog"), (0.65, "redelijk"), (0.45, "beperkt"), (0.1, "laag")):
        snapshot.result["confidence"] = confidence
        assert snapshot.confidence_label() == words


@pytest.fixture
def superuser_client(db):
    user = get_user_model().objects.create(username="beheerder", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["submission", "gradingsnapshot", "submissionevent"])
def test_the_admin_shows_but_never_changes_the_decision_trail(superuser_client, submission, model):
    obj = {"submission": submission, "gradingsnapshot": submission.snapshots.get(), "submissionevent": submission.events.get()}[model]
    base = f"/admin/grading/{model}/"
    assert superuser_client.get(base).status_code == 200
    page = superuser_client.get(f"{base}{obj.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert superuser_client.get(f"{base}add/").status_code == 403
    assert superuser_client.post(f"{base}{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Submission.objects.filter(pk=submission.pk).exists()
