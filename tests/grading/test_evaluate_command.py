import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_it_prints_the_score_figures_for_the_visible_cases(capsys):
    call_command("evaluate")
    out = capsys.readouterr().out
    for figure in ("cases", "family_acc", "none_reject", "grade_exact", "grade_within1", "range_flag"):
        assert figure in out


def test_it_takes_another_case_file_and_reports_json(tmp_path, capsys):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        json.dumps({"id": "n1", "family": "none", "grade": None, "in_range": False, "text": "Vrachtwagenchauffeur CE."}) + "\n",
        encoding="utf-8",
    )
    call_command("evaluate", str(cases), "--json")
    figures = json.loads(capsys.readouterr().out)
    assert figures["cases"] == 1 and figures["none_reject"] == 100.0


def test_it_shows_roles_outside_their_familys_range_apart_from_those_inside(tmp_path, capsys):
    """score.py counts a refused role of a family that lies outside its range as a family miss;
    the split shows it as handled, and an in-range role refused as a miss."""
    lines = [
        {"id": "o1", "family": "div-ict", "grade": "schaal-12", "in_range": False, "text": "Vrachtwagenchauffeur CE."},
        {"id": "i1", "family": "div-ict", "grade": "schaal-6", "in_range": True, "text": "Vrachtwagenchauffeur CE."},
    ]
    cases = tmp_path / "cases.jsonl"
    cases.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    call_command("evaluate", str(cases))
    out = capsys.readouterr().out
    assert "family_acc     0.0" in out
    assert "in range: family right 0.0 % (0/1); outside the range: 1/1 refused or flagged" in out
