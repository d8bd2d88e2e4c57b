"""Stored results name the engine that made them: a change of results needs a new ENGINE_VERSION.

The digest covers every result (as stored: `GradingResult.as_dict()`) for the project's own case
files, graded among the four fixture families. When a change to the engine or its data changes a
result on purpose, raise ENGINE_VERSION and store the new digest beside it in RESULTS_DIGEST.
"""

import hashlib
import json
from pathlib import Path

from grading import engine
from grading.engine.matching import RESULTS_DIGEST
from tests.engine.families import fixture_index

CASES = Path(__file__).resolve().parent / "cases"
CASE_FILES = ("level_cases.jsonl", "calibration_cases.jsonl", "holdout_cases.jsonl")


def results_digest() -> str:
    digest = hashlib.sha256()
    index = fixture_index()
    for name in CASE_FILES:
        for line in (CASES / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                result = engine.grade(case["text"], index).as_dict()
                digest.update(json.dumps(result, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def test_results_change_only_with_a_new_engine_version():
    assert results_digest() == RESULTS_DIGEST, (
        f"The results changed: raise ENGINE_VERSION (now {engine.ENGINE_VERSION}) and set RESULTS_DIGEST "
        f"to {results_digest()}"
    )
