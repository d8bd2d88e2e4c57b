"""The same text gets the same result in every process: Python salts string hashes per process,
so nothing the engine decides may hang on the order in which a set happens to be walked."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "engine" / "cases"

GRADE_ALL = """
import hashlib, json, sys
from dataclasses import asdict
from grading import engine
from tests.engine.families import fixture_index

index = fixture_index()
digest = hashlib.sha256()
for name in ("calibration_cases.jsonl", "holdout_cases.jsonl"):
    for line in open(sys.argv[1] + "/" + name, encoding="utf-8"):
        case = json.loads(line)
        result = engine.grade(case["text"], index)
        digest.update(case["id"].encode() + repr(asdict(result)).encode())
        if result.family:
            within = engine.grade(case["text"], index, family=result.family)
            digest.update(repr(asdict(within)).encode())
print(digest.hexdigest())
"""


def _digest(seed: int) -> str:
    completed = subprocess.run(
        [sys.executable, "-c", GRADE_ALL, str(CASES)], cwd=ROOT, env={"PYTHONHASHSEED": str(seed), "PATH": ""},
        capture_output=True, text=True, timeout=300, check=True,
    )
    return completed.stdout.strip()


def test_results_do_not_depend_on_the_process_hash_seed():
    # Seed 12 once chose other evidence for a calibration case: a coverage of 0.9999999999
    # (weights summed in set order) failed the "met whole" test that 1.0 passed.
    digests = {seed: _digest(seed) for seed in (0, 12, 4242)}
    assert len(set(digests.values())) == 1, digests
