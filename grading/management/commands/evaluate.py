import importlib.util
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dataclasses import replace

from grading import engine
from grading.engine.confidence import FIRM_CONFIDENCE
from grading.selectors import family_engine_data
from grading.services.batch import BatchError, grade_cases, read_cases

DEFAULT_CASES = settings.BASE_DIR.parent / "shared" / "eval" / "visible.jsonl"
FIGURES = ("cases", "missing", "family_acc", "none_reject", "grade_exact", "grade_within1", "range_flag")


def load_scorer(cases_path: Path):
    """The scoring of shared/eval/score.py, so the figures are the ones the project is judged on."""
    script = cases_path.parent / "score.py"
    if not script.is_file():
        script = DEFAULT_CASES.parent / "score.py"
    spec = importlib.util.spec_from_file_location("eval_score", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


BINS = ((0.0, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))


def correct(case: dict, got: dict) -> bool:
    """Right family (or rightly none), and the right grade where the case states one in range."""
    if case["family"] == "none":
        return got["family"] is None
    if got["family"] != case["family"]:
        return False
    if case.get("grade") and case.get("in_range", True):
        return got["grade"] == case["grade"]
    return True


def reliability(cases: list[dict], predictions: list[dict]) -> list[tuple[float, float, int, int]]:
    """Per confidence bin: (low, high, cases, correct), to check the confidence is calibrated."""
    by_id = {p["id"]: p for p in predictions}
    rows = []
    for low, high in BINS:
        inside = [c for c in cases if low <= by_id[c["id"]]["confidence"] < high]
        rows.append((low, min(high, 1.0), len(inside), sum(correct(c, by_id[c["id"]]) for c in inside)))
    return rows


MIN_BIN = 3  # a bin with fewer cases says nothing about its accuracy
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)


def coverage(cases: list[dict], predictions: list[dict]) -> list[tuple[float, int, int, int, int]]:
    """Per confidence threshold: (threshold, firm results, right among them, in-family cases that
    are firm, in-family cases).

    A result is firm when it names a family with at least that confidence; it is right when the
    family is right and, where the case states a grade in range, the grade too. A firm result for
    a role outside every family is a firm result that is wrong."""
    by_id = {p["id"]: p for p in predictions}
    in_family = [c for c in cases if c["family"] != "none"]
    rows = []
    for threshold in THRESHOLDS:
        firm = [c for c in cases if by_id[c["id"]]["family"] is not None and by_id[c["id"]]["confidence"] >= threshold]
        firm_in_family = sum(1 for c in firm if c["family"] != "none")
        rows.append((threshold, len(firm), sum(correct(c, by_id[c["id"]]) for c in firm), firm_in_family, len(in_family)))
    return rows


def family_split(cases: list[dict], predictions: list[dict]) -> tuple[int, int, int, int]:
    """(in-range roles of a family, of them given that family; roles of a family graded outside
    its range, of them refused or named with the right side of the range).

    score.py counts a role of a family that lies outside its range as a family miss unless the
    family is named; the real roles label such heavier or lighter work outside every family, and
    the engine follows them, so the two kinds are shown apart."""
    got = {p["id"]: p for p in predictions}
    inside = [c for c in cases if c["family"] != "none" and c.get("in_range") is not False]
    outside = [c for c in cases if c["family"] != "none" and c.get("in_range") is False]
    named = sum(got[c["id"]]["family"] == c["family"] for c in inside)
    handled = sum(_refused_or_flagged(c, got[c["id"]]) for c in outside)
    return len(inside), named, len(outside), handled


def _refused_or_flagged(case: dict, got: dict) -> bool:
    return got["family"] is None or (got["family"] == case["family"] and got["position"] in ("above", "below"))


def calibrated(rows: list[tuple[float, float, int, int]]) -> bool:
    """Whether a higher confidence bin is at least as often right as every lower one."""
    shares = [correct / count for _, _, count, correct in rows if count >= MIN_BIN]
    return shares == sorted(shares)


class Command(BaseCommand):
    help = "Grade the evaluation cases and print the figures that shared/eval/score.py defines."

    def add_arguments(self, parser):
        parser.add_argument("cases", nargs="?", default=str(DEFAULT_CASES), help="JSON Lines with id, text, family, grade, in_range.")
        parser.add_argument("--misses", action="store_true", help="Also list every case graded wrongly.")
        parser.add_argument("--json", dest="as_json", action="store_true", help="Print the figures as one JSON object.")
        parser.add_argument(
            "--without-recognition", action="store_true",
            help="Grade as if no family had a recognition: block, from the families' own texts only.",
        )

    def handle(self, *args, cases, misses, as_json, without_recognition=False, **options):
        path = Path(cases)
        if not path.is_file():
            raise CommandError(f"Bestand met casussen niet gevonden: {path}")
        try:
            loaded = read_cases(path)
        except BatchError as error:
            raise CommandError(f"{path}: {error}") from None
        index = None
        if without_recognition:
            index = engine.build_index(replace(family, recognition=None) for family in family_engine_data())
        predictions = grade_cases(loaded, within_given_family=False, index=index)
        figures = load_scorer(path)(loaded, predictions)
        if as_json:
            self.stdout.write(json.dumps(figures, ensure_ascii=False))
            return
        for key in FIGURES:
            self.stdout.write(f"{key:14} {figures[key]}")
        inside, named, outside, handled = family_split(loaded, predictions)
        share = f"{100 * named / inside:.1f} % ({named}/{inside})" if inside else "-"
        self.stdout.write(
            f"family_split   in range: family right {share}; outside the range: {handled}/{outside} "
            "refused or flagged above/below"
        )
        self.stdout.write("reliability    confidence bin: cases, share correct (family, and grade where known)")
        rows = reliability(loaded, predictions)
        for low, high, count, correct in rows:
            share = f"{100 * correct / count:.0f} %" if count else "-"
            self.stdout.write(f"  {low:.1f}-{high:.1f}      {count:3d}  {share}")
        self.stdout.write(f"calibrated     {'ja' if calibrated(rows) else 'nee'} (bins of {MIN_BIN}+ cases: a higher bin is never less often right)")
        self.stdout.write(
            "coverage       firm from confidence: firm results and the share right; in-family cases firm "
            f"(the engine's line is {FIRM_CONFIDENCE})"
        )
        for threshold, firm, right, firm_in_family, in_family in coverage(loaded, predictions):
            accuracy = f"{100 * right / firm:.0f} %" if firm else "-"
            share = f"{100 * firm_in_family / in_family:.0f} %" if in_family else "-"
            self.stdout.write(f"  >= {threshold:.1f}       {firm:3d} firm, right {accuracy:>5};  in-family firm {share}")
        if misses:
            by_id = {p["id"]: p for p in predictions}
            for case in loaded:
                got = by_id[case["id"]]
                wrong_family = (case["family"] == "none") != (got["family"] is None) or (
                    case["family"] != "none" and got["family"] != case["family"]
                )
                wrong_grade = case.get("grade") and case.get("in_range", True) and got["grade"] != case["grade"]
                if wrong_family or (wrong_grade and case["family"] != "none"):
                    self.stdout.write(
                        f"  {case['id']}: verwacht {case['family']} {case.get('grade')}, "
                        f"kreeg {got['family']} {got['grade']} ({got['position']}, {got['confidence']})"
                    )

