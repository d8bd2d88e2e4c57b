"""All the errors of an uploaded file at once, not only the first.

The family reader (`files.family_from_data`) stops at its first problem. To find the next ones,
the item the problem lies in (an element, a cell, a section's point, a context note, a function
name, a recognition term) is left out of a copy and the family is read again, up to `MAX_ERRORS`
problems. Leaving out levels or criteria would only bring follow-on errors (ranks that no longer
run on, cells of a criterion that is gone), so a problem in one of those ends the search in that
family. Every error names its place as in the original file: indices after a left-out item are
counted back.
"""

import copy
import re
from collections.abc import Callable
from pathlib import Path

from profiles.catalogue.files import FamilyFileError

MAX_ERRORS = 50
REMOVABLE = {"elements", "cells", "items", "sections", "context_notes", "related_functions", "reference_functions",
             "domain", "functions", "counterparts", "other_functions", "setting", "additions", "groups", "terms"}
_INDEX = re.compile(r"\[(\d+)\]")


class FileErrors(FamilyFileError):
    """The problems of one upload, in the order found; `errors` holds at most MAX_ERRORS. It is a
    FamilyFileError (the first one's place and message) for callers that show one line."""

    def __init__(self, errors: list[FamilyFileError], *, more: bool = False):
        self.errors, self.more = errors[:MAX_ERRORS], more or len(errors) > MAX_ERRORS
        self.path, self.place, self.message = errors[0].path, errors[0].place, errors[0].message
        Exception.__init__(self, "\n".join(str(error) for error in self.errors))


def _steps(place: str) -> list[str | int]:
    """'levels[2].cells[0].text' -> ['levels', 2, 'cells', 0, 'text']."""
    steps: list[str | int] = []
    for part in place.split("."):
        name, *indices = re.split(r"\[", part)
        if name:
            steps.append(name)
        steps.extend(int(index.rstrip("]")) for index in indices)
    return steps


def _original(place: str, removed: dict[str, list[int]]) -> str:
    """The place as the original file numbers it, given the items left out so far."""
    result, last = "", 0
    for match in _INDEX.finditer(place):
        result += place[last:match.start()]
        index = int(match.group(1))
        for gone in sorted(removed.get(result, [])):
            if gone <= index:
                index += 1
        result += f"[{index}]"
        last = match.end()
    return result + place[last:]


def _innermost_item(place: str) -> tuple[str, int] | None:
    """The list path and index of the innermost removable item the place lies in."""
    matches = list(_INDEX.finditer(place))
    for match in reversed(matches):
        list_path = place[:match.start()]
        if list_path.rsplit(".", 1)[-1] in REMOVABLE:
            return list_path, int(match.group(1))
        if list_path.rsplit(".", 1)[-1] in ("levels", "criteria"):
            return None
    return None


def _remove(data, list_path: str, index: int) -> bool:
    target = data
    for step in _steps(list_path):
        try:
            target = target[step]
        except (KeyError, IndexError, TypeError):
            return False
    if not isinstance(target, list) or not 0 <= index < len(target):
        return False
    del target[index]
    return True


def family_errors(raw, read: Callable[[object], dict], *, limit: int = MAX_ERRORS) -> tuple[dict | None, list[FamilyFileError]]:
    """The family as `read` gives it when it has no problem, else None and its problems (at most
    `limit`), each with its place in the original data."""
    try:
        return read(raw), []
    except FamilyFileError as first:
        error = first
    data = copy.deepcopy(raw)
    removed: dict[str, list[int]] = {}
    errors: list[FamilyFileError] = []
    while error is not None and len(errors) < limit:
        place = _original(error.place, removed)
        if place not in removed:  # not a list only left empty by what was left out (a cell without elements)
            errors.append(FamilyFileError(Path(error.path), place, error.message))
        item = _innermost_item(error.place)
        if item is None or not _remove(data, *item):
            break
        list_path, index = item
        original_list = _original(list_path, removed)
        original_index = int(_INDEX.findall(_original(f"{list_path}[{index}]", removed))[-1])
        removed.setdefault(original_list, []).append(original_index)
        try:
            read(data)
            error = None
        except FamilyFileError as next_error:
            error = next_error
    return None, errors
