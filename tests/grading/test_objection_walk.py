"""An objection walks its route's own steps with due dates from the route's terms: an FWG route
with an internal committee, and the GCBO route that goes straight to an external committee. An
outcome that changes the decision reopens the request; settling again keeps both decisions."""

import calendar
import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from grading.models import Submission, SubmissionEvent
from grading.objection_models import ObjectionStepRecord
from grading.objection_selectors import objection_get, objection_state, routes_for
from grading.services import objections, submissions
from profiles.models import GradingSystem, JobFamily, ObjectionRoute, ObjectionStep, Organisation
from profiles.objection_routes import step_term_set
from tests.factory import make_submission

pytestmark = pytest.mark.django_db
S = Submission.Status
Outcome = ObjectionStepRecord.Outcome
DAY = datetime.timedelta(days=1)


@pytest.fixture
def routes(catalogue):
    call_command("load_objection_routes", verbosity=0)


def today() -> datetime.date:
    return timezone.localdate()


def fwg_settled(manager, adviser):
    return make_submission(author=manager, status=S.SETTLED, by=adviser)  # ambtelijk secretaris, FWG


def school_settled(manager, adviser):
    """The school family has no grading system: the organisation's (cao VO) is the decision's."""
    Organisation.objects.create(pk=Organisation.ROW, name="Scholengroep Oost", changed_at=timezone.now(),
                                grading_system=GradingSystem.objects.get(code="cao-vo"))
    school = JobFamily.objects.get(slug="secretariele-ondersteuning-vo")
    submission = make_submission(author=manager, family=school, status=S.IN_REVIEW, by=adviser)
    return submissions.submission_settle(submission=submission, by=adviser, family=school, level_rank=2,
                                         motivation="Niveau 2 van de matrix.")


def three_months_after(day: datetime.date) -> datetime.date:
    years, month = divmod(day.month - 1 + 3, 12)
    year = day.year + years
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def reload(objection):
    return objection_get(submission=objection.submission, pk=objection.pk)


def test_the_routes_offered_are_those_of_the_decisions_system(routes, manager, adviser, catalogue):
    offered, fitting = routes_for(submission=fwg_settled(manager, adviser))
    assert fitting and {route.code for route in offered} == {
        "fwg-ziekenhuizen-lcfh", "fwg-gehandicaptenzorg-lbc", "fwg-ggz-lbc", "fwg-vvt-deskundigenoordeel",
    }


def test_an_objection_walks_the_fwg_route_with_its_internal_committee(routes, manager, adviser, catalogue):
    submission = fwg_settled(manager, adviser)
    route = ObjectionRoute.objects.get(code="fwg-ziekenhuizen-lcfh")
    ibc = ObjectionStep.objects.get(route=route, position=2)
    step_term_set(step=ibc, length=6, unit="weeks", runs_from="previous_step", motivation="Eigen regeling.", by=adviser)
    sent, received = today() - 100 * DAY, today() - 90 * DAY
    objection = objections.objection_register(
        submission=submission, by=adviser, route=route, holder_name="Joris Jansen", received_on=received,
        grounds="Mijn taken zijn zwaarder dan FG 45.", decision_sent_on=sent,
    )
    state = objection_state(reload(objection))
    assert [s.step.kind for s in state.steps] == [
        "internal_objection", "committee_advice", "employer_decision", "external_committee", "court",
    ]
    # Filed at step 1, the objection to the employer: that step waits for its outcome, it has no term.
    assert state.current.step.position == 1 and state.steps[0].record.filed_on == received and state.due is None

    forwarded = today() - 80 * DAY
    objections.objection_step_record(objection=objection, by=adviser, decided_on=forwarded, outcome=Outcome.FORWARDED)
    state = objection_state(reload(objection))
    # The IBC's advice is due six weeks after the previous step (the organisation's term) and is overdue now.
    assert state.current.step == ibc and state.due == forwarded + datetime.timedelta(weeks=6) and state.overdue

    advised = today() - 40 * DAY
    objections.objection_step_record(objection=objection, by=adviser, decided_on=advised, outcome=Outcome.UPHELD,
                                     binding=False, note="De IBC adviseert FG 50.")
    state = objection_state(reload(objection))
    assert state.current.step.kind == "employer_decision" and state.due is None  # no term set: nothing due
    assert state.steps[1].record.binding is False

    decided = today() - 30 * DAY
    objections.objection_step_record(objection=objection, by=adviser, decided_on=decided, outcome=Outcome.UPHELD,
                                     binding=True, changes_decision=True)
    submission.refresh_from_db()
    assert submission.status == S.IN_REVIEW and submission.reviewer == adviser
    reopened = submission.events.latest("id")
    assert reopened.kind == SubmissionEvent.Kind.REOPENED and "FG 45" in reopened.decision

    family = submission.final_family
    fg50 = family.levels.get(grade__code="FG50").grade
    submissions.submission_settle(submission=submission, by=adviser, family=family, grade=fg50,
                                  motivation="Na het advies van de IBC: FG 50.")
    settled = list(submission.events.filter(kind=SubmissionEvent.Kind.SETTLED).order_by("id"))
    assert [e.grade.code for e in settled] == ["FG45", "FG50"]  # the earlier decision stays in the history

    state = objection_state(reload(objection))
    # The LCFH: 60 days after the employer's definitive decision, from the seeded route.
    assert state.current.step.kind == "external_committee" and state.due == decided + 60 * DAY
    assert not state.overdue
    objections.objection_step_record(objection=objection, by=adviser, decided_on=today(), outcome=Outcome.NOT_PURSUED)
    assert not reload(objection).is_open and objection_state(reload(objection)).current is None


def test_an_objection_goes_straight_to_the_external_committee_of_the_gcbo(routes, manager, adviser, catalogue):
    submission = school_settled(manager, adviser)
    offered, fitting = routes_for(submission=submission)
    assert fitting and {r.code for r in offered} == {"cao-vo-landelijke-bezwarencommissie", "cao-vo-gcbo"}
    route = ObjectionRoute.objects.get(code="cao-vo-gcbo")
    court = ObjectionStep.objects.get(route=route, position=2)
    step_term_set(step=court, length=3, unit="months", runs_from="previous_step", motivation="Kantonrechter.", by=adviser)
    sent, received_decision = today() - 70 * DAY, today() - 68 * DAY
    filed = today() - 20 * DAY  # more than six weeks after the decision was received
    objection = objections.objection_register(
        submission=submission, by=adviser, route=route, holder_name="Sanne de Wit", received_on=filed,
        grounds="Niveau 3 past beter.", decision_sent_on=sent, decision_received_on=received_decision,
    )
    state = objection_state(reload(objection))
    assert [s.step.kind for s in state.steps] == ["external_committee", "court"]
    first = state.steps[0]
    assert first.record.filed_on == filed and first.term == "6 weken na de ontvangst van het besluit"
    assert state.late  # filed after received + 6 weeks
    assert state.due is None  # filed with the committee: waiting for its ruling

    ruling = today() - 5 * DAY
    objections.objection_step_record(objection=objection, by=adviser, decided_on=ruling, outcome=Outcome.REJECTED,
                                     binding=True)
    state = objection_state(reload(objection))
    assert state.current.step == court
    assert state.due == three_months_after(ruling)  # the organisation's term for the court
    objections.objection_step_record(objection=objection, by=adviser, decided_on=today(), outcome=Outcome.NOT_PURSUED)
    assert not reload(objection).is_open


def test_an_optional_first_step_can_be_skipped_at_registration(routes, manager, adviser, catalogue):
    submission = school_settled(manager, adviser)
    route = ObjectionRoute.objects.get(code="cao-vo-landelijke-bezwarencommissie")
    sent = today() - 10 * DAY
    objection = objections.objection_register(
        submission=submission, by=adviser, route=route, holder_name="Sanne de Wit", received_on=today(),
        grounds="Niveau 3.", decision_sent_on=sent, skip_optional=True,
    )
    state = objection_state(reload(objection))
    assert state.steps[0].record.outcome == Outcome.SKIPPED
    assert state.current.step.kind == "external_committee" and state.current.record.filed_on == today()
    assert not state.late  # within six weeks after the day after sending


def test_only_a_settled_request_takes_an_objection(routes, manager, adviser, catalogue):
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    with pytest.raises(ValidationError) as error:
        objections.objection_register(
            submission=submission, by=adviser, route=ObjectionRoute.objects.get(code="fwg-ggz-lbc"),
            holder_name="J. Jansen", received_on=today(), grounds="x", decision_sent_on=today(),
        )
    assert error.value.messages == [objections.NOT_SETTLED]


def test_a_route_of_another_system_is_refused(routes, manager, adviser, catalogue):
    submission = fwg_settled(manager, adviser)
    with pytest.raises(ValidationError) as error:
        objections.objection_register(
            submission=submission, by=adviser, route=ObjectionRoute.objects.get(code="rijk-geschillencommissie"),
            holder_name="J. Jansen", received_on=today(), grounds="x", decision_sent_on=today(),
        )
    assert error.value.messages == [objections.ROUTE_NOT_OFFERED]


def test_only_an_upheld_outcome_changes_the_decision(routes, manager, adviser, catalogue):
    submission = fwg_settled(manager, adviser)
    objection = objections.objection_register(
        submission=submission, by=adviser, route=ObjectionRoute.objects.get(code="fwg-ggz-lbc"),
        holder_name="J. Jansen", received_on=today(), grounds="x", decision_sent_on=today() - DAY,
    )
    with pytest.raises(ValidationError) as error:
        objections.objection_step_record(objection=objection, by=adviser, decided_on=today(),
                                         outcome=Outcome.REJECTED, changes_decision=True)
    assert error.value.messages == [objections.CHANGE_NEEDS_UPHELD]
    submission.refresh_from_db()
    assert submission.status == S.SETTLED


def test_the_decisions_csv_gives_each_decision_its_objections_and_the_latest_outcome(routes, manager, adviser, catalogue, client):
    submission = school_settled(manager, adviser)
    untouched = fwg_settled(manager, adviser)
    route = ObjectionRoute.objects.get(code="cao-vo-gcbo")
    objection = objections.objection_register(
        submission=submission, by=adviser, route=route, holder_name="Sanne de Wit", received_on=today() - 20 * DAY,
        grounds="Niveau 3 past beter.", decision_sent_on=today() - 30 * DAY, decision_received_on=today() - 28 * DAY,
    )
    ruling = today() - 5 * DAY
    objections.objection_step_record(objection=objection, by=adviser, decided_on=ruling, outcome=Outcome.REJECTED,
                                     binding=True)
    client.force_login(adviser)
    body = client.get("/aanvragen/export.csv").content.decode("utf-8-sig")
    rows = {row[0]: row for row in csv.reader(io.StringIO(body), delimiter=";")}
    header = rows["kenmerk"]
    outcome = rows[submission.reference][header.index("uitkomst laatste bezwaar")]
    assert rows[submission.reference][header.index("bezwaren")] == "1"
    assert "ongegrond" in outcome and ruling.isoformat() in outcome and "loopt nog" in outcome
    assert rows[untouched.reference][header.index("bezwaren")] == "0"
