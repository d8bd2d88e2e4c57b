"""Three outcomes, shown as three: no family, a firm indication, an uncertain one.

An uncertain result has no grade headline; it still names the nearest family and its level with
the evidence. The lists, the HR inbox and the settle form say "onzeker" through one helper.
"""

import json

import pytest
from django.core.management import call_command

from grading import engine
from grading.engine.confidence import FIRM_CONFIDENCE
from grading.models import Submission
from grading.result_display import UNCERTAIN_HEADLINE, indication
from tests.engine.families import fixture_index
from tests.factory import make_result, make_snapshot, make_submission
from tests.grading.conftest import logged_in

pytestmark = pytest.mark.django_db


def uncertain(submission: Submission) -> Submission:
    """The request as an uncertain engine run leaves it (its family and nearest grade kept)."""
    make_snapshot(submission=submission, result=make_result(confidence=0.45, text=submission.text))
    submission.indicative_certainty = "uncertain"
    submission.save(update_fields=["indicative_certainty"])
    return submission


def test_the_engine_names_its_certainty_with_a_family_and_none_without():
    index = fixture_index()
    named = engine.grade(
        "Als ambtelijk secretaris van de ondernemingsraad bereid je de vergaderingen voor, notuleer je ze en "
        "bewaak je de voortgang van de besluiten. Je adviseert de OR over procedures en wetgeving.", index,
    )
    assert named.family and named.certainty == ("firm" if named.confidence >= FIRM_CONFIDENCE else "uncertain")
    nothing = engine.grade(
        "Als verpleegkundige zorg je voor zes patiënten op een afdeling interne geneeskunde. Je werkt in "
        "wisseldiensten, deelt medicatie uit en overlegt met de arts over de behandeling.", index,
    )
    assert nothing.family is None and nothing.certainty is None


def test_grade_jsonl_gives_the_certainty(tmp_path, catalogue):
    cases = tmp_path / "in.jsonl"
    cases.write_text("\n".join(json.dumps({"id": str(i), "text": t}) for i, t in enumerate([
        "Je notuleert de vergaderingen van de ondernemingsraad, bereidt de agenda voor met de voorzitter en "
        "adviseert de OR over de Wet op de ondernemingsraden. Je bewaakt de voortgang van de besluiten.",
        "Je bent kok in een verpleeghuis. Je bereidt dagelijks de warme maaltijden en bestelt de ingrediënten.",
    ])), encoding="utf-8")
    call_command("grade", "--jsonl", str(cases), str(tmp_path / "out.jsonl"))
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    for line in lines:
        assert "certainty" in line
        assert line["certainty"] in ("firm", "uncertain") if line["family"] else line["certainty"] is None


def test_an_uncertain_result_has_no_grade_headline_but_names_the_nearest_family(manager, catalogue):
    submission = uncertain(make_submission(author=manager))
    html = logged_in(manager).get(f"/aanvragen/{submission.pk}/").content.decode()
    assert UNCERTAIN_HEADLINE in html
    assert "Indicatieve schaal" not in html
    assert "lijkt het meest op de functiefamilie" in html and "Ambtelijk secretaris" in html


def test_a_firm_result_keeps_its_grade_headline(manager, catalogue):
    submission = make_submission(author=manager)
    make_snapshot(submission=submission, result=make_result(confidence=0.8, text=submission.text))
    html = logged_in(manager).get(f"/aanvragen/{submission.pk}/").content.decode()
    assert "Indicatieve schaal" in html and UNCERTAIN_HEADLINE not in html


def test_the_lists_and_the_settle_form_say_onzeker(manager, adviser, catalogue):
    submission = uncertain(make_submission(author=manager, status=Submission.Status.IN_REVIEW, by=adviser))
    assert indication(submission).label == "onzeker"
    assert "onzeker" in logged_in(manager).get("/aanvragen/").content.decode()
    inbox = logged_in(adviser).get("/aanvragen/").content.decode()
    assert "onzeker" in inbox and "(indicatie)" in inbox
    detail = logged_in(adviser).get(f"/aanvragen/{submission.pk}/").content.decode()
    assert "De engine gaf geen betrouwbare indicatie" in detail


def test_a_settled_request_shows_its_decided_grade_whatever_the_indication(manager, adviser, catalogue):
    submission = uncertain(make_submission(author=manager, status=Submission.Status.SETTLED, by=adviser))
    shown = indication(submission)
    assert shown.note == "vastgesteld" and shown.label == submission.final_grade.name


def test_submitting_stores_the_engines_certainty(manager, catalogue):
    submission = make_submission(author=manager)
    latest = submission.latest_snapshot().result
    assert submission.indicative_certainty == (latest.get("certainty") or "")


def test_the_report_says_so_too(manager, catalogue):
    from django.template.loader import render_to_string

    from grading.reports import report_context

    submission = uncertain(make_submission(author=manager))
    html = render_to_string("grading/submission_report.html", report_context(submission))
    assert UNCERTAIN_HEADLINE in html and "onzeker (dichtstbij" in html

