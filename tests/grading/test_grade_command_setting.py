"""`grade --jsonl` takes an optional per-line "setting" (a grading system code) and passes it on."""

import json

import pytest
from django.core.management import CommandError, call_command

from grading.services.batch import UNKNOWN_SETTING
from tests.grading.test_grade_command import ROLE, write_lines

pytestmark = pytest.mark.django_db


def graded(tmp_path, lines):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(source, lines)
    call_command("grade", "--jsonl", str(source), str(target))
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def test_a_line_with_another_systems_setting_reports_the_mismatch(tmp_path):
    plain, gemeente, fwg = graded(tmp_path, [
        {"id": 1, "text": ROLE}, {"id": 2, "text": ROLE, "setting": "cao-gemeenten"}, {"id": 3, "text": ROLE, "setting": "fwg"},
    ])
    assert plain["family"] == gemeente["family"] == "ambtelijk-secretaris"
    assert plain["system_mismatch"] is False and fwg["system_mismatch"] is False
    assert gemeente["system_mismatch"] is True
    assert gemeente["grade"] == plain["grade"]  # the contract keeps the family's code beside the flag


def test_an_unknown_setting_is_refused_with_its_line(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(source, [{"id": 1, "text": ROLE, "setting": "cao-onbekend"}])
    with pytest.raises(CommandError) as error:
        call_command("grade", "--jsonl", str(source), str(target))
    assert UNKNOWN_SETTING.format(line=1, setting="cao-onbekend") in str(error.value)
