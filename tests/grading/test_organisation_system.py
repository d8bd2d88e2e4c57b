"""The organisation set in /beheer/organisatie/ reaches the workflow: its name on the report, its
grading system as the engine's setting, so a role is never shown a grade of a foreign system."""

import pytest
from django.template.loader import render_to_string

from grading.models import Submission
from grading.reports import report_cache_key, report_context
from profiles.models import GradingSystem
from profiles.organisation import organisation_current, organisation_update
from tests.factory import make_submission, make_user
from tests.grading.conftest import logged_in

pytestmark = pytest.mark.django_db


def table_body(html: str) -> str:
    """The list's rows, without the filter's options (which list every grade)."""
    return html[html.index("<tbody"):html.rindex("</tbody>")]


def set_organisation(code: str, name: str = "Gemeente Zuidwaard"):
    admin = make_user(username=f"beheerder-{code}")
    organisation_update(name=name, system=GradingSystem.objects.get(code=code), motivation="Inrichting.", by=admin)


def test_the_environment_s_name_is_only_the_default(settings, catalogue):
    settings.ORGANISATION_NAME = "Uit de omgeving"
    assert organisation_current().name == "Uit de omgeving" and organisation_current().system is None
    set_organisation("cao-gemeenten")
    assert organisation_current().name == "Gemeente Zuidwaard"
    assert organisation_current().system_code == "cao-gemeenten"


def test_the_report_names_the_organisation_set_in_beheer(manager, settings, catalogue):
    settings.ORGANISATION_NAME = "Uit de omgeving"
    submission = make_submission(author=manager)
    key = report_cache_key(submission)
    assert report_context(submission)["organisation"] == "Uit de omgeving"
    set_organisation("fwg", name="Zorggroep Oostervaart")
    assert report_context(submission)["organisation"] == "Zorggroep Oostervaart"
    assert report_cache_key(submission) != key
    html = render_to_string("grading/submission_report.html", report_context(submission))
    assert "Zorggroep Oostervaart" in html and "niet ingesteld" not in html


def test_a_gemeente_role_in_a_healthcare_family_shows_no_grade(manager, adviser, catalogue):
    set_organisation("cao-gemeenten")
    submission = make_submission(author=manager, status=Submission.Status.SUBMITTED)
    result = submission.latest_snapshot().result
    assert result["family"] == "ambtelijk-secretaris" and result["system_mismatch"] is True
    assert result["organisation_system"].startswith("Cao Gemeenten")
    assert submission.indicative_family is not None and submission.indicative_grade is None
    page = logged_in(manager).get(f"/aanvragen/{submission.pk}/").content.decode()
    assert "Geen schaal voor deze functie" in page and "Indicatieve schaal" not in page
    assert "Uw organisatie deelt haar functies in volgens Cao Gemeenten" in page
    for client in (logged_in(manager), logged_in(adviser)):  # the manager's list, the HR inbox
        rows = table_body(client.get("/aanvragen/").content.decode())
        assert "Ambtelijk secretaris" in rows
        assert "FG 45" not in rows and "FG 50" not in rows and "(indicatie)" not in rows


def test_a_role_in_its_own_system_keeps_its_indication(manager, catalogue):
    set_organisation("fwg", name="Zorggroep Oostervaart")
    submission = make_submission(author=manager, status=Submission.Status.SUBMITTED)
    assert submission.latest_snapshot().result["system_mismatch"] is False
    assert submission.indicative_grade is not None and submission.indicative_grade.system.code == "fwg"


def test_grade_jsonl_never_reads_the_organisation(tmp_path, catalogue):
    import json

    from django.core.management import call_command

    from tests.factory import ROLE_TEXT

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 1, "text": ROLE_TEXT}) + "\n", encoding="utf-8")
    call_command("grade", "--jsonl", str(source), str(tmp_path / "before.jsonl"))
    set_organisation("cao-gemeenten")
    call_command("grade", "--jsonl", str(source), str(tmp_path / "after.jsonl"))
    assert (tmp_path / "before.jsonl").read_bytes() == (tmp_path / "after.jsonl").read_bytes()
    assert json.loads((tmp_path / "after.jsonl").read_text(encoding="utf-8"))["system_mismatch"] is False
