import pytest
from django.utils.html import escape

from grading.forms import EFFECTIVE_DATE_REQUIRED
from grading.models import Submission, SubmissionEvent
from grading.services.submissions import ALREADY_SETTLED, GRADE_NOT_IN_FAMILY, MOTIVATION_REQUIRED, STALE_VERSION
from profiles.models import Grade
from tests.factory import make_submission
from tests.grading.conftest import action_url, strict_client

pytestmark = pytest.mark.django_db
S = Submission.Status


@pytest.fixture
def submission(manager, adviser, catalogue):
    return make_submission(author=manager, status=S.IN_REVIEW, by=adviser)


@pytest.fixture
def fg50(catalogue):
    return Grade.objects.get(system__code="fwg", code="FG50")


EFFECTIVE = "2027-01-01"


def settle(client, submission, grade, motivation="Zie matrix: adviseert zelfstandig.", **data):
    """The settle form as the page posts it: to the request's own address."""
    payload = {"grade": grade.pk, "family": "ambtelijk-secretaris", "motivation": motivation,
               "effective_date": EFFECTIVE, "version": submission.version, "action": "vaststellen"}
    return client.post(f"/aanvragen/{submission.pk}/", payload | data)


def test_it_settles_the_grade_with_a_motivation(adviser_client, adviser, submission, fg50):
    response = settle(adviser_client, submission, fg50)
    assert response.status_code == 303 and response["Location"] == f"/aanvragen/{submission.pk}/"
    submission.refresh_from_db()
    assert submission.status == S.SETTLED and submission.final_grade == fg50
    assert submission.motivation == "Zie matrix: adviseert zelfstandig." and submission.settled_by == adviser
    assert submission.effective_date.isoformat() == EFFECTIVE
    event = submission.events.latest("id")
    assert (event.kind, event.grade, event.from_status, event.to_status) == (SubmissionEvent.Kind.SETTLED, fg50, S.IN_REVIEW, S.SETTLED)


def test_a_minimal_post_to_the_old_address_still_works(adviser_client, submission, fg50):
    data = {"family": "ambtelijk-secretaris", "grade": fg50.pk, "motivation": "Zie matrix.", "effective_date": EFFECTIVE}
    response = adviser_client.post(action_url(submission, "vaststellen"), data)
    assert response.status_code == 303
    submission.refresh_from_db()
    assert submission.final_grade == fg50


def test_a_motivation_is_required(adviser_client, submission, fg50):
    response = settle(adviser_client, submission, fg50, motivation="")
    assert response.status_code == 400 and MOTIVATION_REQUIRED in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == S.IN_REVIEW


def test_a_grade_of_another_system_is_refused(adviser_client, submission, catalogue):
    response = settle(adviser_client, submission, Grade.objects.get(code="schaal-8"))
    assert response.status_code == 400 and GRADE_NOT_IN_FAMILY in response.content.decode()


def test_a_second_adviser_with_the_same_page_gets_a_409_and_nothing_is_overwritten(adviser_client, second_adviser, submission, fg50):
    stale_version = submission.version
    assert settle(adviser_client, submission, fg50).status_code == 303
    fg45 = Grade.objects.get(system__code="fwg", code="FG45")
    second = strict_client(second_adviser)  # a real form post, CSRF token and all
    second.get(f"/aanvragen/{submission.pk}/")
    token = second.cookies["csrftoken"].value
    response = settle(second, submission, fg45, motivation="Tweede besluit.", version=stale_version, csrfmiddlewaretoken=token)
    assert response.status_code == 409 and escape(ALREADY_SETTLED) in response.content.decode()
    submission.refresh_from_db()
    assert submission.final_grade == fg50 and submission.motivation == "Zie matrix: adviseert zelfstandig."
    assert submission.events.filter(kind=SubmissionEvent.Kind.SETTLED).count() == 1


def test_a_page_older_than_another_change_gets_a_409(adviser_client, adviser, submission, fg50):
    stale_version = submission.version
    strict = strict_client(adviser)  # the same adviser in another tab (only they may return it)
    strict.get(f"/aanvragen/{submission.pk}/")
    strict.post(action_url(submission, "terugsturen"), {"question": "Klopt dit?", "version": stale_version,
                                                        "csrfmiddlewaretoken": strict.cookies["csrftoken"].value})
    response = settle(adviser_client, submission, fg50, version=stale_version)
    assert response.status_code == 409 and escape(STALE_VERSION) in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == S.RETURNED and submission.final_grade is None


def test_it_rejects_get(adviser_client, submission):
    assert adviser_client.get(action_url(submission, "vaststellen")).status_code == 405


def test_anonymous_users_go_to_the_login_page(client, submission, fg50):
    response = settle(client, submission, fg50)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("who", "status"),
    [("manager_client", 403), ("other_manager_client", 404), ("outsider_client", 403)],  # 404: not even seen
)
def test_only_advisers_settle(request, who, status, submission, fg50):
    assert settle(request.getfixturevalue(who), submission, fg50).status_code == status
    submission.refresh_from_db()
    assert submission.status == S.IN_REVIEW


def test_csrf_is_enforced(adviser, submission, fg50):
    assert settle(strict_client(adviser), submission, fg50).status_code == 403
    submission.refresh_from_db()
    assert submission.status == S.IN_REVIEW


def test_the_grade_list_holds_only_the_familys_grades_and_none_is_chosen(adviser_client, submission):
    page = adviser_client.post(f"/aanvragen/{submission.pk}/", {"action": "familie", "family": "ambtelijk-secretaris"})
    form = page.context["settle_form"]
    labels = [label for value, label in form.fields["grade"].choices if value != ""]
    assert labels == ["FG 45", "FG 50"]  # its levels' grades, not FG 5 to FG 80
    assert form["grade"].value() in (None, "")
    assert form["grade"].value() in (None, "")


def test_picking_another_family_reloads_its_grades_and_keeps_the_input(adviser_client, submission):
    response = adviser_client.post(f"/aanvragen/{submission.pk}/", {
        "action": "familie", "family": "div-ict", "motivation": "Mijn tekst.", "version": submission.version,
    })
    assert response.status_code == 200
    form = response.context["settle_form"]
    labels = [label for value, label in form.fields["grade"].choices if value != ""]
    assert "schaal 5" in labels and "FG 50" not in labels
    assert form["motivation"].value() == "Mijn tekst."
    submission.refresh_from_db()
    assert submission.status == S.IN_REVIEW


def test_an_error_stands_beside_its_field_and_the_address_stays(adviser_client, submission, fg50):
    response = settle(adviser_client, submission, fg50, effective_date="")
    assert response.status_code == 400 and response.request["PATH_INFO"] == f"/aanvragen/{submission.pk}/"
    assert response.context["settle_form"].errors["effective_date"] == [EFFECTIVE_DATE_REQUIRED]


def test_a_family_without_grades_settles_without_one(adviser_client, manager, adviser, catalogue):
    school = make_submission(author=manager, status=S.IN_REVIEW, by=adviser,
                             family=catalogue.get(slug="secretariele-ondersteuning-vo"))
    response = adviser_client.post(f"/aanvragen/{school.pk}/", {
        "action": "vaststellen", "family": "secretariele-ondersteuning-vo", "grade": "niveau-2", "motivation": "Niveau 2.",
        "effective_date": EFFECTIVE, "version": school.version,
    })
    assert response.status_code == 303
    school.refresh_from_db()
    assert school.status == S.SETTLED and school.final_grade is None and school.final_level_rank == 2
