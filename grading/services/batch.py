"""Grading many role descriptions from JSON Lines, as `manage.py grade --jsonl` and `evaluate` do."""

import json
from collections.abc import Iterable
from pathlib import Path

from grading import engine, neutrality
from grading.selectors import engine_index

NOT_JSON = "Regel {line}: geen geldig JSON-object."
NO_TEXT = "Regel {line}: het veld 'text' ontbreekt of is geen tekst."
NO_ID = "Regel {line}: het veld 'id' ontbreekt."
UNKNOWN_FAMILY = "Regel {line}: onbekende functiefamilie '{family}'."
UNKNOWN_SETTING = "Regel {line}: onbekend waarderingssysteem '{setting}' in het veld 'setting'."


class BatchError(ValueError):
    pass


def read_cases(path: Path) -> list[dict]:
    cases = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                case = json.loads(line)
            except json.JSONDecodeError:
                raise BatchError(NOT_JSON.format(line=number)) from None
            if not isinstance(case, dict):
                raise BatchError(NOT_JSON.format(line=number))
            if "id" not in case:
                raise BatchError(NO_ID.format(line=number))
            if not isinstance(case.get("text"), str):
                raise BatchError(NO_TEXT.format(line=number))
            case["_line"] = number
            cases.append(case)
    return cases


def prediction(case_id, result: engine.GradingResult) -> dict:
    return {
        "id": case_id,
        "family": result.family,
        "grade": result.grade,
        "level": result.level_rank,
        "position": str(result.position),
        "confidence": result.confidence,
        "certainty": result.certainty,
        "criteria": [
            {
                "key": c.key,
                "name": c.name,
                "level": c.level_rank,
                "grade": c.grade,
                "evidence": [
                    {"sentence": e.sentence, "start": e.start, "end": e.end, "element": e.element,
                     "element_level": e.level_rank, "counted": e.counted, "note": e.note}
                    for e in c.evidence
                ],
                "shown": [{"level": rank, "shown": shown, "of": total} for rank, shown, total in c.shown],
                "missing_for_next": list(c.missing_for_next),
            }
            for c in result.criteria
        ],
        "engine_version": result.engine_version,
        "track": result.track,
        "reason": result.reason,
        "language": result.language,
        "system_mismatch": result.system_mismatch,
    }


def grade_cases(cases: Iterable[dict], *, within_given_family: bool, index: engine.CatalogueIndex | None = None) -> list[dict]:
    """Grade each case; with `within_given_family` a case's `family` restricts the engine to it."""
    index = index or engine_index()
    predictions = []
    for case in cases:
        family = case.get("family") if within_given_family else None
        if family in ("", "none"):
            family = None
        if family is not None and family not in index.families:
            raise BatchError(UNKNOWN_FAMILY.format(line=case.get("_line", "?"), family=family))
        # A line's own "setting" (a grading system code) is the organisation's system for that
        # line; the organisation set in the database is never read here.
        setting = case.get("setting") or None
        if setting is not None and setting not in _system_codes(index):
            raise BatchError(UNKNOWN_SETTING.format(line=case.get("_line", "?"), setting=setting))
        result = engine.grade(case["text"], index, family=family, setting=setting)
        line = prediction(case["id"], result)
        # Pay transparency (DESIGN.md): what the text says per factor, and its gendered forms.
        line["neutrality"] = neutrality.check_text(case["text"]).as_dict()
        predictions.append(line)
    return predictions


def _system_codes(index: engine.CatalogueIndex) -> set[str]:
    return {system.code for entry in index.families.values() for system in entry.family.systems}


def grade_jsonl_file(*, source: Path, target: Path) -> int:
    predictions = grade_cases(read_cases(source), within_given_family=True)
    with target.open("w", encoding="utf-8") as handle:
        for line in predictions:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(predictions)
