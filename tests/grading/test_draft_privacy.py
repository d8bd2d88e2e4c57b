"""A request that was never submitted is its author's alone, in every state it can reach that way:
a draft, an edited or regraded draft, a withdrawn draft, and each of those once retention has
removed its text. HR neither sees it (page, report, lists, CSV, counts) nor acts on it."""

import datetime

import pytest
from django.utils import timezone

from grading.models import Submission
from grading.services import privacy, review, submissions
from tests.factory import ROLE_TEXT, make_submission
from tests.grading.conftest import action_url

pytestmark = pytest.mark.django_db
S = Submission.Status
LATER = datetime.timedelta(days=3650)


def draft(manager, title):
    return make_submission(author=manager, title=title)


def edited(manager, title):
    submission = draft(manager, title)
    submissions.submission_update(submission=submission, by=manager, title=title, text=ROLE_TEXT + " Zij notuleert.")
    return submission


def regraded(manager, title):
    submission = draft(manager, title)
    submissions.submission_regrade(submission=submission, by=manager)
    return submission


def withdrawn(manager, title):
    submission = edited(manager, title)
    review.submission_withdraw(submission=submission, by=manager, comment="Toch niet nodig.")
    return submission


def anonymised(make):
    def state(manager, title):
        submission = make(manager, title)
        done = privacy.retention_apply(days=30, now=timezone.now() + LATER)
        assert submission.pk in [s.pk for s in done]
        return submission
    return state


NEVER_SUBMITTED = {
    "concept": draft,
    "gewijzigd concept": edited,
    "opnieuw ingedeeld concept": regraded,
    "ingetrokken concept": withdrawn,
    "concept na de bewaartermijn": anonymised(draft),
    "ingetrokken concept na de bewaartermijn": anonymised(withdrawn),
}
ACTIONS = ["opnieuw-indelen", "in-behandeling", "terugsturen", "vaststellen", "overdragen", "overnemen", "bezwaar"]


@pytest.mark.parametrize("state", NEVER_SUBMITTED)
def test_hr_neither_sees_nor_acts_on_a_request_that_was_never_submitted(
    state, manager, manager_client, adviser, adviser_client, second_adviser, catalogue
):
    title = f"Privé: {state}"
    submission = NEVER_SUBMITTED[state](manager, title)
    submission.refresh_from_db()
    assert not submission.events.filter(kind="submitted").exists()
    version = submission.version

    assert manager_client.get(f"/aanvragen/{submission.pk}/").status_code == 200  # its author still does
    assert adviser_client.get(f"/aanvragen/{submission.pk}/").status_code == 404
    assert adviser_client.get(f"/aanvragen/{submission.pk}/rapport.pdf").status_code == 404
    for query in ("", "?weergave=alle", f"?weergave=alle&status={submission.status}", "?weergave=alle&sorteer=nieuwste"):
        response = adviser_client.get("/aanvragen/" + query)
        assert response.status_code == 200
        assert submission.pk not in [s.pk for s in response.context["page"].object_list], query
        assert title not in response.content.decode()
        assert submission.status not in [c["status"] for c in response.context["counts"]]
    csv = adviser_client.get("/aanvragen/export.csv?weergave=alle").content.decode("utf-8-sig")
    assert title not in csv and submission.reference not in csv

    data = {"version": version, "question": "Vraag?", "motivation": "m", "grade": "", "adviser": second_adviser.pk,
            "reason": "Bezwaar.", "effective_date": "2027-01-01"}
    for action in ACTIONS:
        assert adviser_client.post(action_url(submission, action), data).status_code == 404, action
    assert adviser_client.post(f"/aanvragen/{submission.pk}/", data | {"action": "vaststellen"}).status_code == 404
    submission.refresh_from_db()
    assert submission.version == version and submission.reviewer is None


def test_hr_sees_a_request_withdrawn_after_it_was_submitted(manager, adviser_client, catalogue):
    submission = make_submission(author=manager, title="Ingediend en ingetrokken", status=S.SUBMITTED)
    review.submission_withdraw(submission=submission, by=manager)
    assert adviser_client.get(f"/aanvragen/{submission.pk}/").status_code == 200
    listed = adviser_client.get("/aanvragen/?weergave=alle").context["page"].object_list
    assert submission.pk in [s.pk for s in listed]


def test_a_request_returned_to_its_author_stays_visible_to_hr(manager, adviser, adviser_client, catalogue):
    submission = make_submission(author=manager, status=S.RETURNED, by=adviser)
    assert submission.status == S.RETURNED
    assert adviser_client.get(f"/aanvragen/{submission.pk}/").status_code == 200


def test_an_adviser_who_is_also_a_manager_sees_their_own_draft(roles, catalogue):
    from grading.roles import MANAGER
    from tests.factory import make_adviser
    from tests.grading.conftest import logged_in

    both = make_adviser(username="beide-rollen")
    both.groups.add(roles[MANAGER])
    submission = make_submission(author=both, title="Eigen concept")
    assert logged_in(both).get(f"/aanvragen/{submission.pk}/").status_code == 200
