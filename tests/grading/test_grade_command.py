import json

import pytest
from django.core.management import CommandError, call_command

from grading.services.batch import NO_TEXT, NOT_JSON, UNKNOWN_FAMILY

pytestmark = pytest.mark.django_db

ROLE = (
    "Als ambtelijk secretaris van de ondernemingsraad van een zorginstelling organiseer je de vergaderingen "
    "van de raad en van de commissies. Je stelt in overleg met de voorzitter de agenda op, notuleert en "
    "bewaakt de actiepunten. Je beheert het archief van de raad en houdt de website bij. Je hebt een "
    "mbo-4-opleiding en kennis van de Wet op de ondernemingsraden."
)
CONTRACT = {"id", "family", "grade", "level", "position", "confidence", "criteria", "reason", "language", "system_mismatch", "track"}


def write_lines(path, lines):
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")


def test_it_writes_one_line_per_input_in_the_contract_shape(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(source, [{"id": "a", "text": ROLE}, {"id": 2, "text": "Vrachtwagenchauffeur met rijbewijs CE."}])
    call_command("grade", "--jsonl", str(source), str(target))
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", 2]
    for line in lines:
        assert CONTRACT <= set(line)
        assert line["position"] in ("in_range", "above", "below", "no_match")
        assert 0 <= line["confidence"] <= 1
    assert lines[0]["family"] == "ambtelijk-secretaris" and lines[0]["grade"] in ("FG45", "FG50")
    assert lines[1] | {"criteria": []} == lines[1] and lines[1]["family"] is None and lines[1]["position"] == "no_match"
    assert (lines[0]["reason"], lines[0]["language"], lines[0]["system_mismatch"]) == (None, "nl", False)
    assert lines[1]["reason"] == "too_little_text"


def test_a_no_match_says_why(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    english = (
        "The works council is looking for an official secretary. You prepare the meetings of the council, "
        "take the minutes and keep track of the action list. You have a bachelor's degree."
    )
    driver = (
        "Als vrachtwagenchauffeur rijd je met een trekker-oplegger door heel Nederland en België. "
        "Je laadt en lost bij klanten, controleert de lading en houdt je rijtijden bij. "
        "Je hebt rijbewijs CE, code 95 en een digitale tachograafkaart."
    )
    write_lines(source, [{"id": "en", "text": english}, {"id": "kort", "text": "Notuleert. Hbo."}, {"id": "ander", "text": driver}])
    call_command("grade", "--jsonl", str(source), str(target))
    lines = {line["id"]: line for line in map(json.loads, target.read_text(encoding="utf-8").splitlines())}
    assert (lines["en"]["reason"], lines["en"]["language"]) == ("language", "en")
    assert lines["kort"]["reason"] == "too_little_text"
    assert lines["ander"]["reason"] == "no_family"
    assert all(line["position"] == "no_match" and line["track"] is None for line in lines.values())


def test_a_given_family_restricts_the_grading(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(source, [{"id": "x", "text": ROLE, "family": "div-ict"}])
    call_command("grade", "--jsonl", str(source), str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["family"] == "div-ict"


@pytest.mark.parametrize(
    "content, message",
    [
        ("{niet json\n", NOT_JSON.format(line=1)),
        ('{"id": 1}\n', NO_TEXT.format(line=1)),
        ('{"id": 1, "text": "x"}\n[1, 2]\n', NOT_JSON.format(line=2)),
        ('{"id": 1, "text": "x", "family": "onbekend"}\n', UNKNOWN_FAMILY.format(line=1, family="onbekend")),
    ],
)
def test_a_broken_input_line_gets_a_dutch_error_naming_the_line(tmp_path, content, message):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("grade", "--jsonl", str(source), str(target))
    assert message in str(error.value)


def test_a_missing_input_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("grade", "--jsonl", str(tmp_path / "nope.jsonl"), str(tmp_path / "out.jsonl"))
