"""Instructions per warm grade, counted by valgrind (callgrind): a figure for the engine's speed
that a busy host cannot inflate, unlike the milliseconds of `manage.py benchmark_engine`.

    python benchmarks/engine_instructions.py [REPO]

Grades the visible cases against the four fixture families under callgrind, once with two
extra rounds and once without, and divides the difference by the grades of those rounds. Takes
about two minutes; needs valgrind (Debian package `valgrind`). REPO defaults to this checkout, so
an older commit can be measured from a worktree with the same script.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROUNDS = 2
CASES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "visible.jsonl"


def grade_rounds(repo: str, rounds: int) -> None:
    sys.path.insert(0, repo)
    from grading import engine
    from tests.engine.families import fixture_index

    texts = [json.loads(line)["text"] for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    index = fixture_index()
    for _ in range(rounds + 1):  # the first round reads every word once: warm, as a running process is
        for text in texts:
            engine.grade(text, index)


def instructions(repo: str, rounds: int) -> int:
    # One hash seed for both runs: sets are walked in another order under another seed, and the
    # difference between the runs would carry that noise (a few per cent).
    completed = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__, "--grade", repo, str(rounds)],
        capture_output=True, text=True, check=True, cwd=repo, env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    return int(re.search(r"I\s+refs:\s+([\d,]+)", completed.stderr).group(1).replace(",", ""))


def main() -> None:
    if sys.argv[1:2] == ["--grade"]:
        grade_rounds(sys.argv[2], int(sys.argv[3]))
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    repo = str(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]).resolve())
    cases = sum(1 for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip())
    per_grade = (instructions(repo, ROUNDS) - instructions(repo, 0)) / (ROUNDS * cases)
    print(f"{repo}: {per_grade / 1e6:.2f} M instructions per warm grade ({cases} visible cases, four families)")


if __name__ == "__main__":
    main()
