"""`grade --jsonl` carries the gender-neutrality check of each text (DESIGN.md, pay transparency)."""

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ROLE = (
    "Als ambtelijk secretaris van de ondernemingsraad organiseert hij de vergaderingen van de raad. "
    "Hij notuleert en bewaakt de actiepunten. Hij beheert het archief en de vertrouwelijke stukken van de raad. "
    "Een hbo-opleiding en kennis van de Wet op de ondernemingsraden zijn vereist."
)


def test_each_line_carries_the_factors_and_the_gendered_forms(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"id": "a", "text": ROLE}) + "\n", encoding="utf-8")
    call_command("grade", "--jsonl", str(source), str(target))
    [line] = [json.loads(row) for row in target.read_text(encoding="utf-8").splitlines()]
    factors = line["neutrality"]["factors"]
    assert set(factors) == {"skills", "effort", "responsibility", "working_conditions"}
    assert factors["skills"][-1] == "Een hbo-opleiding en kennis van de Wet op de ondernemingsraden zijn vereist."
    assert factors["responsibility"] == ["Hij beheert het archief en de vertrouwelijke stukken van de raad."]
    assert factors["effort"] == [] and factors["working_conditions"] == []
    [gendered] = line["neutrality"]["gendered"]
    assert (gendered["text"], gendered["count"]) == ("hij", 3)
    assert gendered["alternative"].startswith("hij of zij")
