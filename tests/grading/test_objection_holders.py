"""An objection comes from one of the request's function holders: chosen on the form (a name typed
for a vacancy or someone not listed), its terms running from that holder's decision letter. The
request page shows per holder an open objection, the letter of a holder under objection stays
while the decision is reopened, retention counts from the letters, and a new decision after an
objection has letters of its own."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import escape

from grading import objection_selectors as selectors
from grading.models import Submission
from grading.objection_models import Objection, ObjectionStepRecord
from grading.services import holders as holder_services
from grading.services import objections, privacy, submissions
from profiles.models import ObjectionRoute, ObjectionStep
from profiles.objection_routes import step_term_set
from tests.factory import ROLE_TEXT, make_submission
from tests.grading.test_function_holders import day, flat, page_text
from tests.grading.test_submission_report import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_static")]
S = Submission.Status
DAY = datetime.timedelta(days=1)
Outcome = ObjectionStepRecord.Outcome
ROUTE = "fwg-ggz-lbc"  # the routes of the default request's system (FWG)
GGZ = "FWG – cao GGZ (IBC en LBC FWG):"  # how the report names that route's first term


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def routes(catalogue, adviser):
    """The seeded routes, with the organisation's own terms for the FWG GGZ route's first two steps:
    the objection 42 days from receipt of the decision, the IBC's advice 4 weeks from its sending."""
    call_command("load_objection_routes", verbosity=0)
    objection, advice = ObjectionStep.objects.filter(route__code=ROUTE).order_by("position")[:2]
    step_term_set(step=objection, length=42, unit="days", runs_from="received", motivation="Eigen regeling.", by=adviser)
    step_term_set(step=advice, length=4, unit="weeks", runs_from="sent", motivation="Eigen regeling.", by=adviser)


def settled_with(manager, adviser, holders: list[tuple[str, str]], *, days_ago: int = 30) -> Submission:
    """A request for these holders, settled `days_ago` days ago."""
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    if holders:
        holder_services.submission_holders_set(submission=submission, by=adviser, holders=holders)
        submission.refresh_from_db()
    family = submission.effective_family()
    grade = family.levels.exclude(grade=None).order_by("rank").first().grade
    submissions.submission_settle(submission=submission, by=adviser, grade=grade, family=family, motivation="Past.")
    QuerySet(Submission).filter(pk=submission.pk).update(settled_at=timezone.now() - days_ago * DAY)
    submission.refresh_from_db()
    return submission


def letter(holder, adviser, *, sent: datetime.date, received: datetime.date | None):
    holder_services.holder_letter_dates_set(holder=holder, by=adviser, sent_on=sent, received_on=received)
    holder.refresh_from_db()
    return holder


def form_data(submission, **changes) -> dict:
    submission.refresh_from_db()
    data = {"version": submission.version, "route": ObjectionRoute.objects.get(code=ROUTE).pk,
            "received_on": (today() - 5 * DAY).isoformat(), "grounds": "Mijn werk is zwaarder.",
            "holder_name": "", "decision_sent_on": "", "decision_received_on": ""}
    return data | changes


@pytest.fixture
def two_holders(manager, adviser, routes):
    submission = settled_with(manager, adviser, [("Jan de Vries", ""), ("Fatima el Amrani", "")])
    jan, fatima = submission.holders.order_by("position")
    letter(jan, adviser, sent=today() - 20 * DAY, received=today() - 18 * DAY)
    return submission, jan, fatima


# A. The objection names its holder; its terms run from that holder's letter.

def test_choosing_a_holder_takes_the_dates_of_their_letter_and_the_due_dates_follow(adviser_client, adviser, two_holders):
    submission, jan, fatima = two_holders
    html = adviser_client.get(f"/aanvragen/{submission.pk}/bezwaar/").content.decode()
    select = html.split('name="holder"', 1)[1].split("</select>", 1)[0]
    assert "Niet in de lijst: vul hieronder de naam in" in select
    assert f"Jan de Vries (besluitbrief verzonden {day(today() - 20 * DAY)}, ontvangen {day(today() - 18 * DAY)})" in select
    assert "Fatima el Amrani (verzending van de besluitbrief niet vastgelegd)" in select
    assert "dan gelden de verzend- en ontvangstdatum van die brief" in page_text(html)
    assert 'name="decision_sent_on" type="date"' in html.replace('type="date" name="decision_sent_on"', 'name="decision_sent_on" type="date"')
    assert 'name="decision_sent_on" value=' not in html  # a letter is recorded: nothing guessed

    response = adviser_client.post(f"/aanvragen/{submission.pk}/bezwaar/", form_data(submission, holder=jan.pk))
    assert response.status_code == 303
    objection = Objection.objects.get()
    assert objection.holder == jan and objection.holder_name == "Jan de Vries"
    assert (objection.decision_sent_on, objection.decision_received_on) == (today() - 20 * DAY, today() - 18 * DAY)

    # The objection step: 42 days from Jan's receipt; filed in time. The IBC's advice: 4 weeks from sending.
    objection = selectors.objection_get(submission=submission, pk=objection.pk)
    first, advice = objection.route.steps.all()[:2]
    assert selectors.step_due(first, objection, None) == today() - 18 * DAY + 42 * DAY
    assert not selectors.objection_state(objection).late
    objections.objection_step_record(objection=objection, by=adviser, decided_on=today(), outcome=Outcome.FORWARDED)
    state = selectors.objection_state(selectors.objection_get(submission=submission, pk=objection.pk))
    assert state.current.step == advice and state.due == today() - 20 * DAY + 28 * DAY


def test_dates_typed_on_the_form_win_over_the_holder_s_letter(adviser, two_holders):
    submission, jan, _ = two_holders
    objection = objections.objection_register(
        submission=submission, by=adviser, route=ObjectionRoute.objects.get(code=ROUTE), holder=jan,
        received_on=today(), grounds="Zwaarder.", decision_sent_on=today() - 15 * DAY,
    )
    assert (objection.decision_sent_on, objection.decision_received_on) == (today() - 15 * DAY, None)


def test_a_holder_without_a_recorded_letter_needs_the_date_typed(adviser_client, two_holders):
    submission, _, fatima = two_holders
    response = adviser_client.post(f"/aanvragen/{submission.pk}/bezwaar/", form_data(submission, holder=fatima.pk))
    assert response.status_code == 400 and escape(objections.DECISION_SENT_REQUIRED) in response.content.decode()
    data = form_data(submission, holder=fatima.pk, decision_sent_on=(today() - 25 * DAY).isoformat())
    assert adviser_client.post(f"/aanvragen/{submission.pk}/bezwaar/", data).status_code == 303
    assert Objection.objects.get().holder == fatima


def test_someone_not_listed_is_typed_and_nobody_at_all_is_refused(adviser_client, two_holders):
    submission, _, _ = two_holders
    nobody = adviser_client.post(f"/aanvragen/{submission.pk}/bezwaar/", form_data(submission))
    assert nobody.status_code == 400 and escape(objections.HOLDER_CHOICE_REQUIRED) in nobody.content.decode()
    data = form_data(submission, holder_name="Piet Jansen", decision_sent_on=(today() - 25 * DAY).isoformat())
    assert adviser_client.post(f"/aanvragen/{submission.pk}/bezwaar/", data).status_code == 303
    objection = Objection.objects.get()
    assert objection.holder is None and objection.holder_name == "Piet Jansen"


def test_a_vacancy_still_takes_a_typed_name(adviser_client, manager, adviser, routes):
    submission = settled_with(manager, adviser, [])
    html = adviser_client.get(f"/aanvragen/{submission.pk}/bezwaar/").content.decode()
    assert 'name="holder"' not in html and 'name="holder_name"' in html
    assert f'value="{timezone.localdate(submission.settled_at).isoformat()}"' in html  # the decision's day, as before
    empty = adviser_client.post(f"/aanvragen/{submission.pk}/bezwaar/",
                                form_data(submission, decision_sent_on=(today() - 25 * DAY).isoformat()))
    assert empty.status_code == 400 and escape(objections.HOLDER_REQUIRED) in empty.content.decode()
    data = form_data(submission, holder_name="Joris Jansen", decision_sent_on=(today() - 25 * DAY).isoformat())
    assert adviser_client.post(f"/aanvragen/{submission.pk}/bezwaar/", data).status_code == 303
    objection = Objection.objects.get()
    assert objection.holder is None and objection.holder_name == "Joris Jansen"


def test_a_holder_of_another_request_is_refused_with_a_dutch_400(adviser_client, manager, adviser, two_holders):
    submission, _, _ = two_holders
    other = settled_with(manager, adviser, [("Kees Bakker", "")])
    [kees] = other.holders.all()
    letter(kees, adviser, sent=today() - 20 * DAY, received=None)
    response = adviser_client.post(f"/aanvragen/{submission.pk}/bezwaar/", form_data(submission, holder=kees.pk))
    assert response.status_code == 400 and escape(objections.HOLDER_NOT_OF_REQUEST) in response.content.decode()
    assert not Objection.objects.exists()
    with pytest.raises(ValidationError) as refused:  # the service checks it too
        objections.objection_register(
            submission=submission, by=adviser, route=ObjectionRoute.objects.get(code=ROUTE), holder=kees,
            received_on=today(), grounds="Zwaarder.", decision_sent_on=None,
        )
    assert refused.value.message_dict == {"holder": [objections.HOLDER_NOT_OF_REQUEST]}


def test_retention_counts_the_terms_from_the_latest_letter_not_the_decision(manager, adviser, routes):
    """Settled 100 days ago; the letters went out later. The objection term (42 days from
    receipt) runs from the latest receipt, 35 days ago: 7 days left, so the text stays."""
    submission = settled_with(manager, adviser, [("Jan de Vries", ""), ("Fatima el Amrani", "")], days_ago=100)
    jan, fatima = submission.holders.order_by("position")
    letter(jan, adviser, sent=today() - 60 * DAY, received=today() - 58 * DAY)
    letter(fatima, adviser, sent=today() - 40 * DAY, received=today() - 35 * DAY)
    assert privacy.retention_apply(days=30) == []
    submission.refresh_from_db()
    assert submission.text == ROLE_TEXT
    assert selectors.first_terms_end(submission=submission) == today() + 7 * DAY
    assert selectors.decision_dates(submission=submission) == (today() - 40 * DAY, today() - 35 * DAY)
    assert [s.pk for s in privacy.retention_apply(days=30, now=timezone.now() + 8 * DAY)] == [submission.pk]


def test_without_letters_the_decision_s_day_stands_for_them(manager, adviser, routes):
    submission = settled_with(manager, adviser, [("Jan de Vries", "")], days_ago=100)
    settled = timezone.localdate(submission.settled_at)
    assert selectors.decision_dates(submission=submission) == (settled, settled)
    assert [s.pk for s in privacy.retention_apply(days=30)] == [submission.pk]


# B. The request page shows each holder's open objection; their letter stays while reopened.

def register(submission, adviser, holder) -> Objection:
    submission.refresh_from_db()
    return objections.objection_register(submission=submission, by=adviser, route=ObjectionRoute.objects.get(code=ROUTE),
                                         holder=holder, received_on=today() - 5 * DAY, grounds="Zwaarder.",
                                         decision_sent_on=None)


def holder_row(html: str, name: str) -> str:
    return html.split(f"<td>{name}</td>", 1)[1].split("</tr>", 1)[0]


def test_the_request_page_shows_per_holder_an_open_objection_with_its_link(adviser_client, manager_client, adviser,
                                                                           two_holders):
    submission, jan, _ = two_holders
    objection = register(submission, adviser, jan)
    html = adviser_client.get(f"/aanvragen/{submission.pk}/").content.decode()
    assert '<th scope="col">Bezwaar</th>' in html
    jan_row = holder_row(html, "Jan de Vries")
    assert f'href="/aanvragen/{submission.pk}/bezwaren/{objection.pk}/"' in jan_row
    assert f"Bezwaar open" in jan_row and day(today() - 5 * DAY) in jan_row
    assert "geen open bezwaar" in holder_row(html, "Fatima el Amrani")
    # The manager sees that it is open, without a link to the HR page.
    jan_row = holder_row(manager_client.get(f"/aanvragen/{submission.pk}/").content.decode(), "Jan de Vries")
    assert "Bezwaar open" in jan_row and "/bezwaren/" not in jan_row

    objections.objection_step_record(objection=objection, by=adviser, decided_on=today(), outcome=Outcome.WITHDRAWN)
    assert "geen open bezwaar" in holder_row(adviser_client.get(f"/aanvragen/{submission.pk}/").content.decode(),
                                             "Jan de Vries")


def reopen(submission, adviser, objection) -> None:
    submission.refresh_from_db()
    objections.objection_step_record(objection=objection, by=adviser, decided_on=today(), outcome=Outcome.UPHELD,
                                     binding=True, changes_decision=True)
    submission.refresh_from_db()
    assert submission.status == S.IN_REVIEW


def test_the_letter_of_a_holder_under_objection_stays_while_the_decision_is_reopened(
    adviser_client, manager_client, adviser, two_holders, tmp_path
):
    submission, jan, fatima = two_holders
    reopen(submission, adviser, register(submission, adviser, jan))
    response = manager_client.get(f"/aanvragen/{submission.pk}/besluit/{jan.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = flat(pdf_text(response.content, tmp_path))
    assert "Aan: Jan de Vries" in text and f"Datum: {day(today() - 20 * DAY)}" in text
    assert adviser_client.get(f"/aanvragen/{submission.pk}/besluit/{fatima.pk}.pdf").status_code == 404
    html = adviser_client.get(f"/aanvragen/{submission.pk}/").content.decode()
    assert f'href="/aanvragen/{submission.pk}/besluit/{jan.pk}.pdf"' in holder_row(html, "Jan de Vries")
    assert "volgt na het nieuwe besluit" in holder_row(html, "Fatima el Amrani")


# C. Each holder's own first term in the letter and the report, also after a new decision.

def test_the_report_names_each_holder_s_own_first_term_end(adviser_client, adviser, two_holders, tmp_path):
    submission, jan, fatima = two_holders
    letter(fatima, adviser, sent=today() - 12 * DAY, received=today() - 10 * DAY)
    report = flat(pdf_text(adviser_client.get(f"/aanvragen/{submission.pk}/rapport.pdf").content, tmp_path))
    holders = report.split("Functiehouders en bezwaar", 1)[1]
    assert f"Jan de Vries {day(today() - 20 * DAY)} {day(today() - 18 * DAY)} {GGZ} {day(today() + 24 * DAY)}" in holders
    assert f"Fatima el Amrani {day(today() - 12 * DAY)} {day(today() - 10 * DAY)} {GGZ} {day(today() + 32 * DAY)}" in holders


def test_a_new_decision_after_an_objection_has_letters_of_its_own(adviser_client, adviser, two_holders, tmp_path):
    submission, jan, _ = two_holders
    submission.refresh_from_db()
    objection = objections.objection_register(  # by name: this does not depend on choosing the holder
        submission=submission, by=adviser, route=ObjectionRoute.objects.get(code=ROUTE), holder_name="Jan de Vries",
        received_on=today() - 5 * DAY, grounds="Zwaarder.", decision_sent_on=today() - 20 * DAY,
    )
    reopen(submission, adviser, objection)
    family = submission.effective_family()
    grade = family.levels.exclude(grade=None).order_by("-rank").first().grade
    submissions.submission_settle(submission=submission, by=adviser, grade=grade, family=family, motivation="Na bezwaar.")
    jan.refresh_from_db()
    assert (jan.letter_sent_on, jan.letter_received_on) == (None, None)  # the earlier letter's dates stay in the history
    assert submission.events.filter(comment__contains=f"verzonden op {day(today() - 20 * DAY)}").exists()
    objection.refresh_from_db()
    assert objection.decision_sent_on == today() - 20 * DAY  # the objection keeps the letter it contests

    text = flat(pdf_text(adviser_client.get(f"/aanvragen/{submission.pk}/besluit/{jan.pk}.pdf").content, tmp_path))
    assert f"Datum: {day(today())}" in text and day(today() + 24 * DAY) not in text
    assert "de datum volgt uit de dag waarop u deze brief ontving" in text

    letter(jan, adviser, sent=today(), received=today())
    text = flat(pdf_text(adviser_client.get(f"/aanvragen/{submission.pk}/besluit/{jan.pk}.pdf").content, tmp_path))
    assert f"eindigt op {day(today() + 42 * DAY)}" in text
    report = flat(pdf_text(adviser_client.get(f"/aanvragen/{submission.pk}/rapport.pdf").content, tmp_path))
    holders = report.split("Functiehouders en bezwaar", 1)[1]
    assert f"Jan de Vries {day(today())} {day(today())} {GGZ} {day(today() + 42 * DAY)}" in holders
    assert f"Fatima el Amrani nog niet vastgelegd nog niet bekend {GGZ} nog niet te berekenen" in holders
