"""The objection pages work as plain forms (no JavaScript): register, walk the steps, the
attachment, the inbox's "Bezwaren" tab; bad input gets a Dutch 4xx; the old reopen path is gone."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from grading.models import Submission, SubmissionEvent
from grading.objection_models import Objection, ObjectionStepRecord
from grading.services import objections
from grading.services.extraction import FILE_TOO_LARGE, FILE_TYPE_NOT_ALLOWED, MAX_FILE_BYTES
from grading.views_objections import RECORDED_DONE, REGISTERED_DONE
from profiles.models import ObjectionRoute, ObjectionStep
from profiles.objection_routes import step_term_set
from tests.factory import make_pdf, make_submission
from tests.grading.conftest import strict_client

pytestmark = pytest.mark.django_db
S = Submission.Status
DAY = datetime.timedelta(days=1)
Outcome = ObjectionStepRecord.Outcome


@pytest.fixture
def settled(manager, adviser, catalogue):
    call_command("load_objection_routes", verbosity=0)
    return make_submission(author=manager, status=S.SETTLED, by=adviser)


def today():
    return timezone.localdate()


def register_data(submission, **changes):
    data = {
        "version": submission.version, "route": ObjectionRoute.objects.get(code="fwg-ggz-lbc").pk,
        "holder_name": "Joris Jansen", "received_on": today().isoformat(),
        "decision_sent_on": (today() - 10 * DAY).isoformat(), "grounds": "Mijn werk is zwaarder.",
    }
    return data | changes


def register(submission, adviser, route="fwg-ggz-lbc", **kwargs):
    submission.refresh_from_db()
    arguments = dict(submission=submission, by=adviser, route=ObjectionRoute.objects.get(code=route),
                     holder_name="Joris Jansen", received_on=today(), grounds="Zwaarder.",
                     decision_sent_on=today() - 10 * DAY) | kwargs
    return objections.objection_register(**arguments)


def test_an_adviser_registers_an_objection_with_a_plain_form(adviser_client, settled):
    page = adviser_client.get(f"/aanvragen/{settled.pk}/")
    assert f'href="/aanvragen/{settled.pk}/bezwaar/"' in page.content.decode()
    form = adviser_client.get(f"/aanvragen/{settled.pk}/bezwaar/")
    html = form.content.decode()
    assert form.status_code == 200 and html.count("<h1") == 1 and "<script" not in html.split("</main>")[0]
    assert "FWG – cao GGZ (IBC en LBC FWG)" in html and "Rijk" not in html.split('name="route"')[1].split("</select>")[0]
    response = adviser_client.post(f"/aanvragen/{settled.pk}/bezwaar/", register_data(settled))
    objection = Objection.objects.get(submission=settled)
    assert response.status_code == 303 and response["Location"] == f"/aanvragen/{settled.pk}/bezwaren/{objection.pk}/"
    page = adviser_client.get(response["Location"])
    html = page.content.decode()
    assert escape(REGISTERED_DONE) in html and "Bezwaar van Joris Jansen" in html
    assert "Mijn werk is zwaarder." in html and "(huidige stap)" in html
    assert settled.events.latest("id").kind == SubmissionEvent.Kind.OBJECTION


@pytest.mark.parametrize("field, value, message", [
    ("holder_name", "", objections.HOLDER_REQUIRED),
    ("grounds", " ", objections.GROUNDS_REQUIRED),
    ("route", "", objections.ROUTE_REQUIRED),
    ("received_on", "gisteren", "Geef een datum, bijvoorbeeld 2027-01-01."),
])
def test_a_wrong_field_gets_a_dutch_400_beside_it(adviser_client, settled, field, value, message):
    response = adviser_client.post(f"/aanvragen/{settled.pk}/bezwaar/", register_data(settled, **{field: value}))
    assert response.status_code == 400 and escape(message) in response.content.decode()
    assert not Objection.objects.exists()


def test_an_objection_received_before_the_decision_was_sent_is_refused(adviser_client, settled):
    data = register_data(settled, received_on=(today() - 20 * DAY).isoformat())
    response = adviser_client.post(f"/aanvragen/{settled.pk}/bezwaar/", data)
    assert response.status_code == 400 and escape(objections.RECEIVED_BEFORE_SENT) in response.content.decode()


@pytest.mark.parametrize("name, content, message", [
    ("bezwaar.exe", b"MZ\x90\x00", FILE_TYPE_NOT_ALLOWED),
    ("bezwaar.txt", b"a" * (MAX_FILE_BYTES + 1), FILE_TOO_LARGE),
])
def test_a_wrong_attachment_gets_a_dutch_400(adviser_client, settled, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = register_data(settled) | {"attachment": SimpleUploadedFile(name, content)}
    response = adviser_client.post(f"/aanvragen/{settled.pk}/bezwaar/", data)
    assert response.status_code == 400 and escape(message) in response.content.decode()
    assert not Objection.objects.exists()


def test_a_broken_pdf_attachment_gets_a_400(adviser_client, settled):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = register_data(settled) | {"attachment": SimpleUploadedFile("bezwaar.pdf", b"%PDF-1.4 kapot")}
    response = adviser_client.post(f"/aanvragen/{settled.pk}/bezwaar/", data)
    assert response.status_code == 400 and not Objection.objects.exists()


def test_the_attachment_is_kept_and_downloaded(adviser_client, settled):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = make_pdf("Bezwaarschrift van de functiehouder.")
    data = register_data(settled) | {"attachment": SimpleUploadedFile("bezwaarschrift.pdf", pdf)}
    assert adviser_client.post(f"/aanvragen/{settled.pk}/bezwaar/", data).status_code == 303
    objection = Objection.objects.get()
    response = adviser_client.get(f"/aanvragen/{settled.pk}/bezwaren/{objection.pk}/bijlage")
    assert response.status_code == 200 and response.content == pdf
    assert response["Content-Disposition"] == 'attachment; filename="bezwaarschrift.pdf"'


def test_an_open_request_takes_no_objection(adviser_client, manager, adviser, catalogue):
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    response = adviser_client.get(f"/aanvragen/{submission.pk}/bezwaar/")
    assert response.status_code == 400 and escape(objections.NOT_SETTLED) in response.content.decode()


def test_managers_and_outsiders_cannot_register_or_read_objections(manager_client, outsider_client, settled, adviser):
    objection = register(settled, adviser)
    for client in (manager_client, outsider_client):
        assert client.get(f"/aanvragen/{settled.pk}/bezwaar/").status_code == 403
        assert client.post(f"/aanvragen/{settled.pk}/bezwaar/", register_data(settled)).status_code == 403
        assert client.get(f"/aanvragen/{settled.pk}/bezwaren/{objection.pk}/").status_code == 403
        assert client.get("/aanvragen/bezwaren/").status_code == 403


def test_csrf_is_enforced_on_the_steps(settled, adviser):
    objection = register(settled, adviser)
    url = f"/aanvragen/{settled.pk}/bezwaren/{objection.pk}/"
    assert strict_client(adviser).post(url, {"decided_on": today().isoformat(), "outcome": "upheld"}).status_code == 403


def test_an_unknown_objection_is_a_404(adviser_client, settled):
    assert adviser_client.get(f"/aanvragen/{settled.pk}/bezwaren/999999/").status_code == 404


def test_the_adviser_records_a_step_and_an_empty_form_gets_a_400(adviser_client, settled, adviser):
    objection = register(settled, adviser)
    url = f"/aanvragen/{settled.pk}/bezwaren/{objection.pk}/"
    settled.refresh_from_db()
    empty = adviser_client.post(url, {"version": settled.version})
    assert empty.status_code == 400 and escape(objections.NOTHING_RECORDED) in empty.content.decode()
    response = adviser_client.post(url, {"version": settled.version, "decided_on": today().isoformat(),
                                         "outcome": Outcome.FORWARDED, "binding": ""}, follow=True)
    assert escape(RECORDED_DONE) in response.content.decode()
    assert objection.records.get(step__position=1).outcome == Outcome.FORWARDED


def test_an_outcome_that_changes_the_decision_reopens_the_request_for_a_new_one(adviser_client, settled, adviser):
    objection = register(settled, adviser)
    settled.refresh_from_db()
    response = adviser_client.post(f"/aanvragen/{settled.pk}/bezwaren/{objection.pk}/", {
        "version": settled.version, "decided_on": today().isoformat(), "outcome": Outcome.UPHELD, "binding": "ja",
        "changes_decision": "on",
    })
    assert response.status_code == 303 and response["Location"] == f"/aanvragen/{settled.pk}/#vaststellen"
    settled.refresh_from_db()
    assert settled.status == S.IN_REVIEW
    page = adviser_client.get(f"/aanvragen/{settled.pk}/").content.decode()
    assert 'id="vaststellen"' in page and "Heropend na bezwaar" in page


def test_the_old_reopen_path_is_gone(adviser_client, settled):
    response = adviser_client.post(f"/aanvragen/{settled.pk}/heropenen/", {"reason": "Bezwaar.", "version": settled.version})
    assert response.status_code == 404
    settled.refresh_from_db()
    assert settled.status == S.SETTLED
    assert "heropenen/" not in adviser_client.get(f"/aanvragen/{settled.pk}/").content.decode()


def test_the_bezwaren_tab_lists_open_objections_nearest_due_date_first_overdue_marked(adviser_client, manager, adviser, settled):
    ibc = ObjectionStep.objects.get(route__code="fwg-ggz-lbc", position=2)
    step_term_set(step=ibc, length=6, unit="weeks", runs_from="previous_step", motivation="Eigen regeling.", by=adviser)
    later_one = register(make_submission(author=manager, title="Later", status=S.SETTLED, by=adviser), adviser,
                         received_on=today() - 10 * DAY)
    objections.objection_step_record(objection=later_one, by=adviser, decided_on=today() - 10 * DAY,
                                     outcome=Outcome.FORWARDED)
    overdue = register(settled, adviser, received_on=today() - 60 * DAY, decision_sent_on=today() - 70 * DAY)
    objections.objection_step_record(objection=overdue, by=adviser, decided_on=today() - 50 * DAY,
                                     outcome=Outcome.FORWARDED)
    waiting = register(make_submission(author=manager, title="Wacht", status=S.SETTLED, by=adviser), adviser)
    closed = register(make_submission(author=manager, title="Dicht", status=S.SETTLED, by=adviser), adviser)
    objections.objection_step_record(objection=closed, by=adviser, decided_on=today(), outcome=Outcome.WITHDRAWN)

    inbox = adviser_client.get("/aanvragen/").content.decode()
    assert 'href="/aanvragen/bezwaren/"' in inbox and "Bezwaren <span class=\"count\">(3)</span>" in inbox
    response = adviser_client.get("/aanvragen/bezwaren/")
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert [s.objection.pk for s in response.context["states"]] == [overdue.pk, later_one.pk, waiting.pk]
    assert [s.due for s in response.context["states"]] == [today() - 50 * DAY + 42 * DAY, today() + 32 * DAY, None]
    assert html.count("termijn verstreken") == 1 and html.index(settled.reference) < html.index("termijn verstreken")
    assert 'aria-current="page">Bezwaren' in html
