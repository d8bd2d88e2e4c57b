"""Guards on the engine's figures for the project's own cases (tests/engine/cases/).

calibration_cases.jsonl: vacancy-style texts written for this project (not the shared eval
cases), positives and hard negatives; level_cases.jsonl: per level, texts written from that
level's source elements. The floors sit a little under what the engine measured when they were
set, so a change that makes grading worse fails here.
"""

import importlib.util
import json
from pathlib import Path

import pytest

from grading import engine
from tests.engine.families import fixture_index

CASES = Path(__file__).parent / "cases"
SCORE_SCRIPT = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"


def score(cases: list[dict], predictions: list[dict]) -> dict:
    spec = importlib.util.spec_from_file_location("eval_score", SCORE_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score(cases, predictions)


def figures(name: str) -> dict:
    cases = [json.loads(line) for line in (CASES / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    predictions = []
    for case in cases:
        result = engine.grade(case["text"], fixture_index())
        predictions.append({"id": case["id"], "family": result.family, "grade": result.grade, "position": str(result.position)})
    return score(cases, predictions)


pytestmark = pytest.mark.skipif(not SCORE_SCRIPT.is_file(), reason="shared/eval/score.py is not beside the project")


def test_vacancy_style_cases_keep_their_figures():
    # The no-match bar no longer leans on per-family word lists, so roles far outside a family's
    # range (schaal 4, schaal 10) are sometimes refused rather than flagged above or below. Since
    # 1.17 a role above a family must show some of its work: two Belgian level-A heads whose texts
    # show none are refused (the real sets label such roles outside every family). Since 1.20 a
    # role that advises the raad van bestuur, and names no participation body as whom it supports,
    # is not the body's secretary: the head of an OR office who does so is refused too. Since 1.28
    # a role above a family must show the family's own work at its highest level, as the real
    # sets label such roles: the informatieadviseur who advises directies is refused.
    result = figures("calibration_cases.jsonl")
    assert result["family_acc"] >= 82
    assert result["none_reject"] >= 90
    assert result["grade_exact"] >= 85
    assert result["grade_within1"] >= 95
    assert result["range_flag"] >= 14  # the level-A heads and the adviser were flagged above before 1.17 and 1.28


def test_level_cases_keep_their_figures():
    result = figures("level_cases.jsonl")
    assert result["family_acc"] >= 95
    assert result["grade_exact"] >= 95


LEVEL_CASES = [json.loads(line) for line in (CASES / "level_cases.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", LEVEL_CASES, ids=[case["id"] for case in LEVEL_CASES])
def test_each_level_case_grades_to_its_family_and_level(case):
    result = engine.grade(case["text"], fixture_index())
    assert (result.family, result.level_rank) == (case["family"], case["rank"])


def test_a_text_at_the_word_limit_grades():
    text = " ".join(case["text"] for case in LEVEL_CASES) * 5  # about 20,000 words
    assert len(text.split()) > 15_000
    assert engine.grade(text, fixture_index()).engine_version == engine.ENGINE_VERSION


BLIND_HOLDOUTS = tuple(f"precision_holdout_{n}.jsonl" for n in range(5, 15))


def test_the_blind_holdouts_keep_their_figures():
    """Issue 22's targets, on the holdouts written from the seeds alone (cases/README.md): a firm
    indication is right, most roles outside every family are refused, most in-family roles are
    firm. The floors sit a little under what engine 1.81 measured on holdouts 5–8 (firm right
    100 %, outside 95 %, in-family firm 67 %), and under what 1.92 measures on 5–13 (firm right
    99 %, outside 97 %, in-family firm 64 %) and 1.96 on 5–14: a change that makes the firm answers
    less trustworthy fails here."""
    cases = [json.loads(line) for name in BLIND_HOLDOUTS
             for line in (CASES / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    graded = [(case, engine.grade(case["text"], fixture_index())) for case in cases]
    firm = [(case, result) for case, result in graded if result.certainty == "firm"]
    right = [case["family"] == result.family and (not case.get("grade") or not case.get("in_range", True)
                                                 or case["grade"] == result.grade) for case, result in firm]
    outside = [result.family is None for case, result in graded if case["family"] == "none"]
    in_family = [result.certainty == "firm" for case, result in graded if case["family"] != "none"]
    assert sum(right) / len(right) >= 0.97
    assert sum(outside) / len(outside) >= 0.9
    assert sum(in_family) / len(in_family) >= 0.6
