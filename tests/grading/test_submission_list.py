import datetime

import pytest
from django.utils import timezone

from grading.models import Submission
from tests.factory import make_result, make_snapshot, make_submission

pytestmark = pytest.mark.django_db
URL = "/aanvragen/"
S = Submission.Status
NO_FAMILY_TEXT = "Vrachtwagenchauffeur met rijbewijs CE, rijdt internationaal."


@pytest.fixture
def requests(manager, other_manager, adviser, catalogue):
    mine = make_submission(author=manager, title="Mijn secretaris", status=S.SETTLED, by=adviser)
    draft = make_submission(author=manager, title="Mijn chauffeur", text=NO_FAMILY_TEXT)
    theirs = make_submission(author=other_manager, title="Hun ict-functie", status=S.SUBMITTED,
                             text="Beheert de servers en het netwerk.", family=catalogue.get(slug="div-ict"))
    Submission.objects.filter(pk=draft.pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
    return {"mine": mine, "draft": draft, "theirs": theirs}


def titles(client, query="") -> set[str]:
    response = client.get(URL + query)
    assert response.status_code == 200
    return {s.title for s in response.context["page"].object_list}


def test_a_manager_sees_only_their_own_requests(manager_client, requests):
    assert titles(manager_client) == {"Mijn secretaris", "Mijn chauffeur"}
    assert "Hun ict-functie" not in manager_client.get(URL).content.decode()


def test_an_adviser_sees_every_submitted_request_but_no_draft(adviser_client, requests):
    html = adviser_client.get(URL + "?weergave=alle").content.decode()
    assert titles(adviser_client, "?weergave=alle") == {"Mijn secretaris", "Hun ict-functie"}
    assert html.count("<h1") == 1 and "Leidinggevende" in html
    assert "Mijn chauffeur" not in html


def test_a_draft_is_private_to_its_author(adviser_client, manager_client, requests):
    draft = requests["draft"]
    assert adviser_client.get(f"{URL}{draft.pk}/").status_code == 404
    assert adviser_client.post(f"{URL}{draft.pk}/opnieuw-indelen/", {"version": draft.version}).status_code == 404
    assert manager_client.get(f"{URL}{draft.pk}/").status_code == 200


def test_the_date_filter_finds_an_old_draft_for_its_author(manager_client, requests):
    old = "?tot=" + (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert titles(manager_client, old) == {"Mijn chauffeur"}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?weergave=alle&status=vastgesteld", {"Mijn secretaris"}),
        ("?weergave=alle&status=ingediend", {"Hun ict-functie"}),
        ("?weergave=alle&familie=div-ict", {"Hun ict-functie"}),
        ("?weergave=alle&familie=ambtelijk-secretaris", {"Mijn secretaris"}),
        ("?weergave=alle&leidinggevende=andere-leidinggevende", {"Hun ict-functie"}),
        ("?weergave=alle&vanaf=" + (timezone.localdate() - datetime.timedelta(days=1)).isoformat(), {"Mijn secretaris", "Hun ict-functie"}),
        ("?weergave=alle&tot=" + (timezone.localdate() - datetime.timedelta(days=30)).isoformat(), set()),
    ],
)
def test_an_adviser_filters_by_status_family_and_date(adviser_client, requests, query, expected):
    assert titles(adviser_client, query) == expected


def test_the_grade_filter_uses_the_settled_grade_or_else_the_indicative_one(adviser_client, requests):
    settled = requests["mine"]
    settled.refresh_from_db()
    assert titles(adviser_client, f"?weergave=alle&schaal={settled.final_grade.code}") >= {"Mijn secretaris"}
    theirs = requests["theirs"]
    make_snapshot(submission=theirs, result=make_result(family="div-ict", grade="schaal-7", level_rank=3))
    Submission.objects.filter(pk=theirs.pk).update(indicative_grade=settled.final_grade.system.grades.get(code="FG50"))
    assert titles(adviser_client, "?schaal=FG50") == {"Hun ict-functie"}


def test_filters_do_not_widen_a_managers_view(manager_client, requests):
    assert titles(manager_client, "?familie=div-ict") == set()


def test_an_unknown_filter_value_gets_a_400(adviser_client, requests):
    assert adviser_client.get(URL + "?status=weg").status_code == 400


def test_anonymous_users_go_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_outsider_is_refused(outsider_client):
    assert outsider_client.get(URL).status_code == 403


def test_the_list_takes_a_fixed_number_of_queries(adviser_client, requests, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        adviser_client.get(URL)
