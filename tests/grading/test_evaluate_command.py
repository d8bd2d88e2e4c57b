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
