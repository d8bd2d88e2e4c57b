"""Function holders: named by the manager on /indelen/, corrected by the HR adviser before
settling, and after settling one decision letter (PDF) per holder with the decision, its
motivation, the legal basis and the objection route with the day its first term ends, counted
from the dates the adviser records. No holders is a vacancy: no letter."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from grading.decision_options import OUTSIDE
from grading.models import FunctionHolder, Submission, SubmissionEvent
from grading.services import holders as holder_services
from grading.services.holder_list import HOLDER_EMAIL_INVALID, HOLDER_NAME_MISSING, HOLDER_TWICE, holders_parse
from grading.services.submissions import submission_settle
from profiles.models import Grade, GradingSystem, JobFamily
from profiles.organisation import organisation_update
from tests.factory import ROLE_TEXT, make_submission, make_user
from tests.grading.conftest import strict_client
from tests.grading.test_submission_report import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_static")]
S = Submission.Status
HOLDERS = "Jan de Vries; jan@example.org\n\n  Fatima   el Amrani  \n"


@pytest.fixture
def routes(catalogue):
    call_command("load_objection_routes", verbosity=0)


def flat(text: str) -> str:
    return " ".join(text.split())


def page_text(html: str) -> str:
    return flat(re.sub(r"<[^>]+>", " ", html))


def day(value: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(value, "j F Y")


def in_review_with(manager, adviser, holders: list[tuple[str, str]]) -> Submission:
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    holder_services.submission_holders_set(submission=submission, by=adviser, holders=holders)
    submission.refresh_from_db()
    return submission


def test_the_manager_names_the_holders_on_the_submit_form(manager_client, catalogue):
    html = manager_client.get("/indelen/").content.decode()
    assert 'name="holders"' in html and "Laat leeg bij een vacature" in html
    response = manager_client.post("/indelen/", {"title": "Secretaris", "text": ROLE_TEXT, "holders": HOLDERS,
                                                 "action": "indelen"})
    assert response.status_code == 303
    submission = Submission.objects.get()
    assert [(h.position, h.name, h.email) for h in submission.holders.all()] == [
        (1, "Jan de Vries", "jan@example.org"), (2, "Fatima el Amrani", ""),
    ]
    edit = manager_client.get(f"/aanvragen/{submission.pk}/wijzigen/").content.decode()
    assert "Jan de Vries; jan@example.org\nFatima el Amrani</textarea>" in edit


def test_no_holders_is_a_vacancy(manager_client, catalogue):
    response = manager_client.post("/indelen/", {"title": "Secretaris", "text": ROLE_TEXT, "holders": " \n",
                                                 "action": "indelen"})
    assert response.status_code == 303
    submission = Submission.objects.get()
    assert not submission.holders.exists()
    assert "Geen functiehouder: dit is een vacature." in page_text(manager_client.get(f"/aanvragen/{submission.pk}/").content.decode())


@pytest.mark.parametrize("text, message", [
    ("Jan de Vries; geen-adres", HOLDER_EMAIL_INVALID.format(line=1, email="geen-adres")),
    ("Jan\n; jan@example.org", HOLDER_NAME_MISSING.format(line=2)),
])
def test_a_wrong_holder_line_gets_a_dutch_message_at_the_field(manager_client, catalogue, text, message):
    response = manager_client.post("/indelen/", {"title": "Secretaris", "text": ROLE_TEXT, "holders": text,
                                                 "action": "indelen"})
    assert response.status_code == 400
    assert response.context["form"].errors["holders"] == [message]
    assert escape(message) in response.content.decode() and not Submission.objects.exists()


def test_parsing_keeps_the_order_and_refuses_a_double():
    assert holders_parse("A; a@example.org\nB") == [("A", "a@example.org"), ("B", "")]
    with pytest.raises(ValidationError) as error:
        holders_parse("A\na")
    assert error.value.messages == [HOLDER_TWICE.format(line=2, name="a")]


def test_the_adviser_corrects_the_holders_before_settling(manager, adviser, adviser_client, catalogue):
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    html = adviser_client.get(f"/aanvragen/{submission.pk}/").content.decode()
    assert 'action="/aanvragen/%d/functiehouders/' % submission.pk in html
    response = adviser_client.post(f"/aanvragen/{submission.pk}/functiehouders/",
                                   {"holders": "Piet Jansen; piet@example.org", "version": submission.version})
    assert response.status_code == 303
    assert list(submission.holders.values_list("name", "email")) == [("Piet Jansen", "piet@example.org")]
    line = submission.events.get(kind=SubmissionEvent.Kind.HOLDERS)
    assert line.actor == adviser and line.comment == "Functiehouders: Piet Jansen."


def test_the_author_and_an_outsider_cannot_correct_the_holders(manager, adviser, manager_client, outsider_client,
                                                               catalogue):
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    assert outsider_client.post(f"/aanvragen/{submission.pk}/functiehouders/", {"holders": "X"}).status_code == 403
    assert manager_client.post(f"/aanvragen/{submission.pk}/functiehouders/", {"holders": "X"}).status_code == 403
    assert not submission.holders.exists()


def test_correcting_the_holders_needs_the_csrf_token(manager, adviser, catalogue):
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    response = strict_client(adviser).post(f"/aanvragen/{submission.pk}/functiehouders/", {"holders": "X"})
    assert response.status_code == 403 and not submission.holders.exists()


def test_after_the_decision_the_holders_stay_as_they_were(manager, adviser, adviser_client, catalogue):
    submission = make_submission(author=manager, status=S.SETTLED, by=adviser)
    response = adviser_client.post(f"/aanvragen/{submission.pk}/functiehouders/",
                                   {"holders": "X", "version": submission.version})
    assert response.status_code == 400
    assert escape(holder_services.HOLDERS_NOT_OPEN) in response.content.decode()
    assert not submission.holders.exists()


def settle_in(submission, adviser, *, family: str, grade: Grade):
    chosen = None if family == OUTSIDE else JobFamily.objects.get(slug=family)
    submission_settle(submission=submission, by=adviser, family=chosen, outside=family == OUTSIDE, grade=grade,
                      motivation="Zelfstandig werk met wisselende contacten; zie de matrix.",
                      effective_date=datetime.date(2027, 1, 1))
    submission.refresh_from_db()
    return submission


def test_a_belgian_decision_gets_a_letter_per_holder_with_the_raad_van_state_term(
    manager, adviser, adviser_client, manager_client, routes, tmp_path
):
    submission = in_review_with(manager, adviser, [("Jan de Vries", "jan@example.org"), ("An Peeters", "")])
    settle_in(submission, adviser, family="administratief-ondersteuner", grade=Grade.objects.get(system__code="federaal", code="C"))
    jan, an = submission.holders.order_by("position")
    today = timezone.localdate()

    # The adviser records Jan's letter: sent and received today. The first term of the route for
    # statutory staff (Raad van State, 60 days from notification) ends 60 days later.
    response = adviser_client.post(f"/aanvragen/{submission.pk}/besluit/{jan.pk}/", {
        "sent_on": today.isoformat(), "received_on": today.isoformat(), "version": submission.version,
    })
    assert response.status_code == 303
    jan.refresh_from_db()
    assert (jan.letter_sent_on, jan.letter_received_on) == (today, today)
    line = submission.events.get(kind=SubmissionEvent.Kind.LETTER)
    assert line.comment == f"Besluitbrief aan Jan de Vries: verzonden op {day(today)}, ontvangen op {day(today)}."
    end = today + datetime.timedelta(days=60)
    page = page_text(adviser_client.get(f"/aanvragen/{submission.pk}/").content.decode())
    assert day(end) in page  # the statutory staff's route; the contractual staff's has no term
    assert "termijn niet vastgelegd" in page

    pdf = manager_client.get(f"/aanvragen/{submission.pk}/besluit/{jan.pk}.pdf").content
    (tmp_path / "keep").mkdir()
    (tmp_path / "keep" / "brief.pdf").write_bytes(pdf)
    letter = flat(pdf_text(pdf, tmp_path))
    assert "Aan: Jan de Vries" in letter and f"Datum: {day(today)}" in letter and submission.reference in letter
    assert "niveau C (Belgische federale functieniveaus)" in letter
    assert "in de functiefamilie Administratief ondersteuner" in letter
    assert "Zelfstandig werk met wisselende contacten" in letter
    assert "29 juli 1991" in letter and "juridische en feitelijke overwegingen" in letter
    assert "Raad van State" in letter and f"eindigt op {day(end)}" in letter

    # An's letter is not sent yet: dated today; the term runs from her receipt, not known yet.
    letter = flat(pdf_text(adviser_client.get(f"/aanvragen/{submission.pk}/besluit/{an.pk}.pdf").content, tmp_path))
    assert "Aan: An Peeters" in letter and "de datum volgt uit de dag waarop u deze brief ontving" in letter


def test_a_decision_outside_the_functiehuis_in_the_organisation_s_cao_vo_names_six_weeks(
    manager, adviser, adviser_client, routes, tmp_path
):
    organisation_update(name="Scholengroep Noord", system=GradingSystem.objects.get(code="cao-vo"),
                        grades="LB; schaal LB\nLC; schaal LC", motivation="Inrichting.", by=make_user(username="b"))
    submission = in_review_with(manager, adviser, [("Jan de Vries", "")])
    settle_in(submission, adviser, family=OUTSIDE, grade=Grade.objects.get(system__code="cao-vo", code="LC"))
    [jan] = submission.holders.all()
    today = timezone.localdate()
    letter = flat(pdf_text(adviser_client.get(f"/aanvragen/{submission.pk}/besluit/{jan.pk}.pdf").content, tmp_path))
    # The Landelijke Bezwarencommissie: six weeks from the day after sending (the letter's date).
    assert "Scholengroep Noord" in letter and "schaal LC (Cao VO (voortgezet onderwijs)), buiten het functiehuis" in letter
    assert "FUWA-VO 2010" in letter
    assert f"eindigt op {day(today + datetime.timedelta(weeks=6))}" in letter


def test_letter_dates_are_checked(manager, adviser, adviser_client, routes):
    submission = in_review_with(manager, adviser, [("Jan de Vries", "")])
    settle_in(submission, adviser, family="administratief-ondersteuner", grade=Grade.objects.get(system__code="federaal", code="C"))
    [jan] = submission.holders.all()
    today = timezone.localdate()
    url = f"/aanvragen/{submission.pk}/besluit/{jan.pk}/"
    for data, message in [
        ({"sent_on": today.isoformat(), "received_on": (today - datetime.timedelta(days=1)).isoformat()},
         holder_services.RECEIVED_BEFORE_SENT),
        ({"sent_on": (today + datetime.timedelta(days=1)).isoformat()}, holder_services.DATE_IN_FUTURE),
        ({"received_on": today.isoformat()}, holder_services.RECEIVED_WITHOUT_SENT),
        ({"sent_on": "gisteren"}, "Geef een datum, bijvoorbeeld 2027-01-15."),
    ]:
        response = adviser_client.post(url, data | {"version": submission.version})
        assert response.status_code == 400 and escape(message) in response.content.decode()
    jan.refresh_from_db()
    assert jan.letter_sent_on is None and not submission.events.filter(kind=SubmissionEvent.Kind.LETTER).exists()


def test_a_letter_is_for_hr_and_the_author_only(manager, adviser, other_manager_client, outsider_client, routes):
    submission = in_review_with(manager, adviser, [("Jan de Vries", "")])
    settle_in(submission, adviser, family="administratief-ondersteuner", grade=Grade.objects.get(system__code="federaal", code="C"))
    [jan] = submission.holders.all()
    url = f"/aanvragen/{submission.pk}/besluit/{jan.pk}.pdf"
    assert other_manager_client.get(url).status_code == 404
    assert outsider_client.get(url).status_code == 403
    assert Client().get(url).status_code == 302  # to the login
    assert other_manager_client.post(f"/aanvragen/{submission.pk}/besluit/{jan.pk}/", {"sent_on": "2027-01-01"}).status_code == 403


def test_no_letter_before_the_decision_nor_for_another_request_s_holder(manager, adviser, adviser_client, catalogue):
    open_request = in_review_with(manager, adviser, [("Jan de Vries", "")])
    [jan] = open_request.holders.all()
    assert adviser_client.get(f"/aanvragen/{open_request.pk}/besluit/{jan.pk}.pdf").status_code == 404
    other = make_submission(author=manager, status=S.SETTLED, by=adviser)
    assert adviser_client.get(f"/aanvragen/{other.pk}/besluit/{jan.pk}.pdf").status_code == 404
    assert adviser_client.get(f"/aanvragen/{other.pk}/besluit/999999.pdf").status_code == 404


def test_a_settled_vacancy_has_no_letter(manager, adviser, adviser_client, catalogue):
    submission = make_submission(author=manager, status=S.SETTLED, by=adviser)
    html = adviser_client.get(f"/aanvragen/{submission.pk}/").content.decode()
    assert "Geen functiehouder: dit is een vacature. Er is daarom geen besluitbrief." in page_text(html)
    assert "/besluit/" not in html
    assert not FunctionHolder.objects.exists()


def test_every_grading_system_has_its_legal_basis(catalogue):
    bases = dict(GradingSystem.objects.values_list("code", "legal_basis"))
    assert all(bases.values()), bases
    assert "29 juli 1991" in bases["federaal"] and "CAO Rijk" in bases["rijk"]


def test_the_report_names_the_route_and_the_day_the_first_term_ends(manager, adviser, adviser_client, routes, tmp_path):
    submission = in_review_with(manager, adviser, [("Jan de Vries", "")])
    settle_in(submission, adviser, family="administratief-ondersteuner", grade=Grade.objects.get(system__code="federaal", code="C"))
    [jan] = submission.holders.all()
    before = flat(pdf_text(adviser_client.get(f"/aanvragen/{submission.pk}/rapport.pdf").content, tmp_path))
    assert "Jan de Vries nog niet vastgelegd nog niet bekend" in before
    assert "Belgische federale overheid – contractueel personeel: nog niet te berekenen" in before
    today = timezone.localdate()
    holder_services.holder_letter_dates_set(holder=jan, by=adviser, sent_on=today, received_on=today)
    report = flat(pdf_text(adviser_client.get(f"/aanvragen/{submission.pk}/rapport.pdf").content, tmp_path))
    assert "Bezwaarroute: Belgische federale overheid – statutair personeel" in report
    assert "60 kalenderdagen na de kennisgeving" in report
    assert day(today + datetime.timedelta(days=60)) in report.split("Functiehouders en bezwaar", 1)[1]
