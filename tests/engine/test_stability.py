"""Stable near the line: a heading line in front of a role (a title, a line that only names the
kind of document, or the employer's name), or its sentences set as a bulleted list, never moves
it between "geen passende familie" and a firm indication, and changes a firm indication (its
certainty, family or grade) in at most 2 % of the variants. On the real roles of ../shared/eval
and the project's holdouts."""

import json
from pathlib import Path

import pytest

from grading import engine
from grading.engine.text import split_sentences
from tests.engine.families import fixture_index

ROOT = Path(__file__).resolve().parents[2]
SETS = [
    ROOT.parent / "shared" / "eval" / "visible.jsonl",
    ROOT.parent / "shared" / "eval" / "dev.jsonl",
    ROOT / "tests" / "engine" / "cases" / "holdout_cases.jsonl",
    ROOT / "tests" / "engine" / "cases" / "precision_holdout.jsonl",
    *(ROOT / "tests" / "engine" / "cases" / f"precision_holdout_{n}.jsonl" for n in range(2, 15)),
]
MAX_FIRM_CHANGES = 0.02


def cases() -> list[dict]:
    found = [json.loads(line) for path in SETS if path.is_file() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if len(found) < 100:
        pytest.skip("the evaluation sets are not beside the project")
    return found


def variants(case: dict) -> dict[str, str]:
    text = case["text"]
    return {
        "heading": f"Vacature: {case.get('source_title') or 'medewerker'}\n\n{text}",
        "bullets": "\n".join(f"- {sentence.text}" for sentence in split_sentences(text)),
        "document": f"Functieomschrijving\n{text}",
        "employer": f"Gemeente Zuidhaven\n{text}",
    }


def outcome(result: engine.GradingResult) -> tuple:
    return ("none",) if result.family is None else (result.certainty, result.family, result.grade)


def test_a_heading_or_a_bulleted_layout_never_flips_none_and_firm_and_rarely_changes_a_firm_indication():
    index = fixture_index()
    flips, firm_changes, total = [], [], 0
    for case in cases():
        base = outcome(engine.grade(case["text"], index))
        for name, text in variants(case).items():
            varied = outcome(engine.grade(text, index))
            total += 1
            if {base[0], varied[0]} == {"none", "firm"}:
                flips.append((case["id"], name))
            if (base[0] == "firm" or varied[0] == "firm") and base != varied:
                firm_changes.append((case["id"], name))
    assert flips == []
    assert len(firm_changes) <= MAX_FIRM_CHANGES * total, firm_changes
