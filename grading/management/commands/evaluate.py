import importlib.util
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dataclasses import replace

from grading import engine
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

