"""Read and validate the family files in fixtures/ before anything is written.

The result is plain data (dicts and lists) that the importer writes as it is. Every problem is
reported in Dutch with the file and the place in it, e.g. `levels[2].cells[0].criterion`.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

from profiles.catalogue import limits
from profiles.catalogue.limits import column_limit, dutch_number, text_problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
INHERITS = {None: "", "idem": "idem", "idem+": "idem+"}
SECTION_KINDS = {"results", "behaviour", "competences", "quality_profile", "result_area", "footnote"}
# The four factors of gender-neutral job evaluation (EIGE) a criterion may value.
FACTORS = ("skills", "effort", "responsibility", "working_conditions")
SOURCE_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
SOURCE_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


class FamilyFileError(Exception):
    def __init__(self, path: Path, place: str, message: str):
        self.path, self.place, self.message = path, place, message
        where = f"{path.name}, {place}" if place else path.name
        super().__init__(f"Fout in {where}: {message}")


@dataclass(frozen=True)
class Catalogue:
    systems: list[dict]
    families: list[dict]


class _Reader:
    """Walks one parsed YAML document and checks types, naming the place of every problem."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, place: str, message: str) -> None:
        raise FamilyFileError(self.path, place, message)

    def mapping(self, value: Any, place: str) -> dict:
        if not isinstance(value, dict):
            self.fail(place, "hier hoort een verzameling sleutels en waarden")
        return value

    def sequence(self, value: Any, place: str, *, limit: int) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(place, "hier hoort een lijst")
        if len(value) > limit:
            self.fail(place, limits.TOO_MANY.format(count=dutch_number(len(value)), limit=dutch_number(limit)))
        return value

    def text(
        self, data: dict, key: str, place: str, *, model=None, limit: int | None = None, required: bool = True,
        words: bool = True,
    ) -> str:
        """The text under `key`, at most as long as `model`'s field `key` holds (or `limit`), and
        without a word longer than the engine reads unless `words` is false."""
        value = data.get(key)
        where = f"{place}.{key}" if place else key
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(where, "verplichte tekst ontbreekt of is leeg")
        value = " ".join(value.split()) if "\n" not in value.strip() else value.strip()
        self.check(value, where, column_limit(model, key) if model is not None else limit, words=words)
        return value

    def check(self, value: str, place: str, limit: int, *, words: bool = True) -> None:
        problem = text_problem(value, limit, words=words)
        if problem:
            self.fail(place, problem)

    def slug(self, data: dict, key: str, place: str, *, model) -> str:
        value = self.text(data, key, place, model=model)
        if not SLUG.match(value):
            self.fail(f"{place}.{key}" if place else key, f"'{value}' is geen geldige sleutel (a-z, 0-9 en -)")
        return value

    def optional_int(self, data: dict, key: str, place: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= limits.MAX_NUMBER:
            self.fail(f"{place}.{key}", f"hier hoort een geheel getal van 0 tot {dutch_number(limits.MAX_NUMBER)}")
        return value

    def known_keys(self, data: dict, allowed: set[str], place: str) -> None:
        unknown = sorted(set(data) - allowed)
        if unknown:
            self.fail(place or "bovenste niveau", f"onbekende sleutel(s): {', '.join(unknown)}")


class LimitedLoader(yaml.SafeLoader):
    """SafeLoader that stops a hostile file while it composes it, after bounded work.

    It refuses anchors and aliases (the format needs none, and an alias bomb, "billion laughs",
    expands a few hundred bytes into gigabytes of nested lists), nesting deeper than
    MAX_YAML_DEPTH (the composer recurses: 50,000 "[" overflow Python's stack), more than
    MAX_YAML_NODES nodes (a flow sequence of a million scalars costs half a minute and 850 MB)
    and numbers longer than MAX_INT_CHARS (int() refuses 4,300 digits, and a base-60 number
    costs quadratic work). The parser reads the text lazily, event by event, so refusing at the
    limit also stops reading the rest.
    """

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = self.nodes = 0

    def refuse(self, problem: str) -> None:
        raise ComposerError(None, None, problem, self.peek_event().start_mark)

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            self.refuse("ankers en verwijzingen (& en *) zijn niet toegestaan")
        self.nodes += 1
        if self.nodes > limits.MAX_YAML_NODES:
            self.refuse(f"meer dan {dutch_number(limits.MAX_YAML_NODES)} waarden, lijsten en verzamelingen")
        if self.depth >= limits.MAX_YAML_DEPTH:
            self.refuse(f"meer dan {limits.MAX_YAML_DEPTH} niveaus diep genest")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_yaml_int(self, node):
        if len(node.value) > limits.MAX_INT_CHARS:
            raise ConstructorError(None, None, f"een getal van meer dan {limits.MAX_INT_CHARS} tekens", node.start_mark)
        return super().construct_yaml_int(node)


LimitedLoader.add_constructor("tag:yaml.org,2002:int", LimitedLoader.construct_yaml_int)


def parse_yaml(text: str, path: Path) -> Any:
    """Parse one YAML document within the limits of LimitedLoader; `path` only names the file in
    an error. Whatever the parser raises is a FamilyFileError, never an unhandled exception."""
    if len(text) > limits.MAX_YAML_CHARS:
        raise FamilyFileError(path, "", f"het bestand heeft meer dan {dutch_number(limits.MAX_YAML_CHARS)} tekens")
    loader = None
    try:
        loader = LimitedLoader(text)  # reads nothing yet, but refuses unprintable characters
        return loader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = f"regel {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "ongeldige YAML"
        raise FamilyFileError(path, place, f"ongeldige YAML ({problem})") from None
    except Exception:  # noqa: BLE001 - PyYAML raises more than YAMLError, e.g. ValueError on "2019-13-45"
        raise FamilyFileError(path, "", "ongeldige YAML (een waarde kan niet worden gelezen)") from None
    finally:
        if loader is not None:
            loader.dispose()


def load_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FamilyFileError(path, "", "het bestand is geen UTF-8-tekst") from None
    return parse_yaml(text, path)


def read_systems(path: Path) -> list[dict]:
    return systems_from_data(load_yaml(path), path)


def systems_from_data(raw_systems: Any, path: Path) -> list[dict]:
    """Validate parsed grading systems; `path` names the file (or upload) in an error."""
    reader = _Reader(path)
    systems = []
    seen = set()
    for i, raw in enumerate(reader.sequence(raw_systems, "", limit=limits.MAX_SYSTEMS)):
        place = f"[{i}]"
        data = reader.mapping(raw, place)
        reader.known_keys(data, {"code", "name", "description", "legal_basis", "grades", "settings"}, place)
        code = reader.slug(data, "code", place, model="GradingSystem")
        if code in seen:
            reader.fail(f"{place}.code", f"systeem '{code}' staat er twee keer in")
        seen.add(code)
        grades, grade_codes = [], set()
        for j, raw_grade in enumerate(reader.sequence(data.get("grades"), f"{place}.grades", limit=limits.MAX_GRADES)):
            grade_place = f"{place}.grades[{j}]"
            grade = reader.mapping(raw_grade, grade_place)
            reader.known_keys(grade, {"code", "name", "entry_requirement"}, grade_place)
            grade_code = reader.text(grade, "code", grade_place, model="Grade")
            if grade_code in grade_codes:
                reader.fail(f"{grade_place}.code", f"schaal '{grade_code}' staat er twee keer in")
            grade_codes.add(grade_code)
            grades.append(
                {
                    "code": grade_code,
                    "name": reader.text(grade, "name", grade_place, model="Grade"),
                    "rank": j + 1,
                    "entry_requirement": reader.text(
                        grade, "entry_requirement", grade_place, model="Grade", required=False
                    ),
                }
            )
        settings = _settings(reader, data.get("settings"), f"{place}.settings")
        if not grades and not settings:
            reader.fail(f"{place}.grades", "een systeem heeft minstens één schaal nodig (of, zonder familie, settings)")
        systems.append(
            {
                "code": code,
                "name": reader.text(data, "name", place, model="GradingSystem"),
                "description": reader.text(data, "description", place, model="GradingSystem", required=False),
                "legal_basis": reader.text(data, "legal_basis", place, model="GradingSystem", required=False),
                "grades": grades,
                "settings": settings,
            }
        )
    return systems


def _settings(reader: "_Reader", raw, place: str) -> list[dict]:
    """The settings that grade by a system: each a name, the phrases a role text uses to name it
    (`terms`) and the kinds of employer whose name shows it (`employers`: "Gemeente Utrecht")."""
    if raw is None:
        return []
    settings, names = [], set()
    for k, raw_setting in enumerate(reader.sequence(raw, place, limit=limits.MAX_SETTINGS)):
        setting_place = f"{place}[{k}]"
        setting = reader.mapping(raw_setting, setting_place)
        reader.known_keys(setting, {"name", "terms", "employers"}, setting_place)
        name = reader.text(setting, "name", setting_place, limit=limits.MAX_TERM_CHARS)
        if name in names:
            reader.fail(f"{setting_place}.name", f"setting '{name}' staat er twee keer in")
        names.add(name)
        lists = {}
        for key in ("terms", "employers"):
            values = setting.get(key) or []
            if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
                reader.fail(f"{setting_place}.{key}", "een lijst met niet-lege teksten verwacht")
            reader.sequence(values, f"{setting_place}.{key}", limit=limits.MAX_TERMS)
            lists[key] = [v.strip() for v in values]
            for i, value in enumerate(lists[key]):
                reader.check(value, f"{setting_place}.{key}[{i}]", limits.MAX_TERM_CHARS)
        if not lists["terms"] and not lists["employers"]:
            reader.fail(setting_place, "een setting heeft terms of employers nodig")
        settings.append({"name": name, **lists})
    return settings


FAMILY_KEYS = {
    "slug", "name", "grading_system", "jurisdiction", "sector", "source_file", "source_title",
    "source_url", "source_date", "core", "related_functions", "reference_functions", "context_notes", "sections", "criteria",
    "levels", "recognition",
}
RECOGNITION_KEYS = {
    "domain", "domain_required", "setting", "setting_required", "functions", "counterparts", "other_functions", "tracks",
    "additions", "work",
}
TRACK_KEYS = {"name", "groups", "terms"}


def read_family(path: Path, systems: dict[str, dict]) -> dict:
    return family_from_data(load_yaml(path), path, systems)


def family_from_data(raw: Any, path: Path, systems: dict[str, dict]) -> dict:
    """Validate one parsed family against the grading systems; `path` names it in an error."""
    reader = _Reader(path)
    data = reader.mapping(raw, "")
    reader.known_keys(data, FAMILY_KEYS, "")
    system_code = data.get("grading_system")
    if system_code is not None and system_code not in systems:
        reader.fail("grading_system", f"onbekend waarderingssysteem '{system_code}'")
    grade_codes = {g["code"] for g in systems[system_code]["grades"]} if system_code else set()
    criteria = _read_criteria(reader, data)
    levels = _read_levels(reader, data, {c["key"] for c in criteria}, grade_codes)
    return {
        "slug": reader.slug(data, "slug", "", model="JobFamily"),
        "name": reader.text(data, "name", "", model="JobFamily"),
        "grading_system": system_code,
        "jurisdiction": reader.text(data, "jurisdiction", "", model="JobFamily"),
        "sector": reader.text(data, "sector", "", model="JobFamily"),
        "source_file": reader.text(data, "source_file", "", model="JobFamily"),
        "source_title": reader.text(data, "source_title", "", model="JobFamily", required=False),
        "source_url": _source_url(reader, data),
        "source_date": _source_date(reader, data),
        "core": reader.text(data, "core", "", model="JobFamily", required=False),
        "related_functions": _read_names(reader, data, "related_functions"),
        "reference_functions": _read_names(reader, data, "reference_functions"),
        "context_notes": _read_notes(reader, data),
        "sections": _read_sections(reader, data, len(levels)),
        "criteria": criteria,
        "levels": levels,
        "recognition": read_recognition(reader, data.get("recognition"), levels, data.get("sections")),
    }


def _source_url(reader: "_Reader", data: dict) -> str:
    value = data.get("source_url")
    limit = column_limit("JobFamily", "source_url")
    if isinstance(value, str) and len(value.strip()) > limit:
        reader.fail("source_url", f"het adres is langer dan {limit} tekens")
    value = reader.text(data, "source_url", "", model="JobFamily", required=False, words=False)
    if value and not SOURCE_URL.match(value):
        reader.fail("source_url", f"'{value}' is geen openbaar adres (http:// of https://, hoogstens {limit} tekens)")
    return value


def _source_date(reader: "_Reader", data: dict) -> str:
    value = data.get("source_date")
    if value is None or value == "":
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # `source_date: 2019` reads as a number
    elif not isinstance(value, str):
        # YAML reads an unquoted 2019-05-01 as a date: take it as the text it was meant to be.
        value = value.isoformat() if hasattr(value, "isoformat") else value
    if not isinstance(value, str) or not SOURCE_DATE.match(value.strip()):
        reader.fail("source_date", "de datum van de bron is een jaar, jaar-maand of jaar-maand-dag, bijvoorbeeld 2019 of 2023-05")
    return value.strip()


def _factors(reader: "_Reader", criterion: dict, place: str) -> list[str]:
    factors = []
    for i, value in enumerate(reader.sequence(criterion.get("factors"), f"{place}.factors", limit=len(FACTORS))):
        if value not in FACTORS:
            reader.fail(f"{place}.factors[{i}]", f"onbekende factor '{value}' (kies uit {', '.join(FACTORS)})")
        if value in factors:
            reader.fail(f"{place}.factors[{i}]", f"factor '{value}' staat er twee keer in")
        factors.append(value)
    return factors


def _terms(reader: "_Reader", value, place: str, *, one_word: bool = False) -> list[str]:
    """`one_word`: function names as a title names a role ("onderwijsassistent", "OR-lid")."""
    terms = []
    for i, term in enumerate(reader.sequence(value, place, limit=limits.MAX_TERMS)):
        if not isinstance(term, str) or not term.strip():
            reader.fail(f"{place}[{i}]", "hier hoort een niet-lege tekst (een woord of woordgroep)")
        terms.append(" ".join(term.split()))
        reader.check(terms[-1], f"{place}[{i}]", limits.MAX_TERM_CHARS)
        if one_word and " " in terms[-1]:
            reader.fail(f"{place}[{i}]", "hier hoort één woord: de functienaam zoals een titel die noemt ('onderwijsassistent')")
    return terms


def read_recognition(reader: "_Reader", raw, levels: list[dict], sections) -> dict | None:
    """The optional `recognition:` block: what the engine knows about the family beyond its texts.

    Track groups must be headings that the family's cells use, additions titles of its sections,
    so a typo fails here instead of silently changing nothing.
    """
    if raw is None:
        return None
    place = "recognition"
    data = reader.mapping(raw, place)
    reader.known_keys(data, RECOGNITION_KEYS, place)
    required, domain_required = data.get("setting_required", False), data.get("domain_required", False)
    for key, value in (("setting_required", required), ("domain_required", domain_required)):
        if not isinstance(value, bool):
            reader.fail(f"{place}.{key}", "hier hoort true of false")
    setting = _terms(reader, data.get("setting"), f"{place}.setting")
    if required and not setting:
        reader.fail(f"{place}.setting_required", "een vereiste omgeving heeft woorden nodig onder 'setting'")
    result = {
        "domain": _terms(reader, data.get("domain"), f"{place}.domain"),
        "setting": setting,
        "setting_required": required,
        "functions": _terms(reader, data.get("functions"), f"{place}.functions"),
        "domain_required": domain_required,
        "counterparts": _terms(reader, data.get("counterparts"), f"{place}.counterparts"),
        "other_functions": _terms(reader, data.get("other_functions"), f"{place}.other_functions", one_word=True),
        "tracks": None,
        "additions": _terms(reader, data.get("additions"), f"{place}.additions"),
        "work": _terms(reader, data.get("work"), f"{place}.work"),
    }
    if domain_required and not (result["domain"] or result["functions"]):
        reader.fail(f"{place}.domain_required", "een vereist domein heeft woorden nodig onder 'domain' of 'functions'")
    criteria = {cell["criterion"] for level in levels for cell in level["cells"]}
    for i, key in enumerate(result["work"]):
        if key not in criteria:
            reader.fail(f"{place}.work[{i}]", f"geen cel van deze familie hoort bij criterium '{key}'")
    headings = {e["group"].casefold() for level in levels for cell in level["cells"] for e in cell["elements"] if e["group"]}
    if "tracks" in data and data["tracks"] is not None:
        tracks, names = [], set()
        for i, raw_track in enumerate(reader.sequence(data["tracks"], f"{place}.tracks", limit=limits.MAX_TRACKS)):
            track_place = f"{place}.tracks[{i}]"
            track = reader.mapping(raw_track, track_place)
            reader.known_keys(track, TRACK_KEYS, track_place)
            name = reader.text(track, "name", track_place, limit=limits.MAX_TERM_CHARS)
            if name.casefold() in names:
                reader.fail(f"{track_place}.name", f"spoor '{name}' staat er twee keer in")
            names.add(name.casefold())
            groups = _terms(reader, track.get("groups"), f"{track_place}.groups")
            # A heading may go with a level that was removed, but a track needs one that exists.
            if not any(group.casefold() in headings for group in groups):
                reader.fail(f"{track_place}.groups", f"geen element van deze familie heeft een kop van spoor '{name}'")
            tracks.append({"name": name, "groups": groups, "terms": _terms(reader, track.get("terms"), f"{track_place}.terms")})
        result["tracks"] = tracks
    titles = {" ".join(str(s.get("title", "")).split()).casefold() for s in reader.sequence(sections, "sections", limit=limits.MAX_SECTIONS) if isinstance(s, dict)}
    for i, title in enumerate(result["additions"]):
        if title.casefold() not in titles:
            reader.fail(f"{place}.additions[{i}]", f"geen onderdeel (sections) van deze familie heet '{title}'")
    return result


def _read_names(reader: _Reader, data: dict, key: str) -> list[str]:
    names = []
    for i, value in enumerate(reader.sequence(data.get(key), key, limit=limits.MAX_FUNCTIONS)):
        if not isinstance(value, str) or not value.strip():
            reader.fail(f"{key}[{i}]", "hier hoort een niet-lege tekst")
        names.append(" ".join(value.split()))
        reader.check(names[-1], f"{key}[{i}]", column_limit("FamilyFunction", "name"))
    return names


def _read_notes(reader: _Reader, data: dict) -> list[dict]:
    notes = []
    for i, raw in enumerate(reader.sequence(data.get("context_notes"), "context_notes", limit=limits.MAX_CONTEXT_NOTES)):
        place = f"context_notes[{i}]"
        note = reader.mapping(raw, place)
        reader.known_keys(note, {"title", "text", "source_file"}, place)
        notes.append(
            {
                "title": reader.text(note, "title", place, model="ContextNote"),
                "text": reader.text(note, "text", place, model="ContextNote"),
                "source_file": reader.text(note, "source_file", place, model="ContextNote", required=False),
            }
        )
    return notes


def _read_sections(reader: _Reader, data: dict, level_count: int) -> list[dict]:
    sections = []
    for i, raw in enumerate(reader.sequence(data.get("sections"), "sections", limit=limits.MAX_SECTIONS)):
        place = f"sections[{i}]"
        section = reader.mapping(raw, place)
        reader.known_keys(section, {"kind", "title", "level", "intro", "items"}, place)
        kind = reader.text(section, "kind", place, model="Section")
        if kind not in SECTION_KINDS:
            reader.fail(f"{place}.kind", f"onbekende soort '{kind}' ({', '.join(sorted(SECTION_KINDS))})")
        level = reader.optional_int(section, "level", place)
        if level is not None and not 1 <= level <= level_count:
            reader.fail(f"{place}.level", f"er is geen niveau met rang {level}")
        items = []
        for j, raw_item in enumerate(reader.sequence(section.get("items"), f"{place}.items", limit=limits.MAX_SECTION_ITEMS)):
            item_place = f"{place}.items[{j}]"
            item = reader.mapping(raw_item, item_place)
            reader.known_keys(item, {"group", "text"}, item_place)
            items.append(
                {
                    "group": reader.text(item, "group", item_place, model="SectionItem", required=False),
                    "text": reader.text(item, "text", item_place, model="SectionItem"),
                }
            )
        sections.append(
            {
                "kind": kind,
                "title": reader.text(section, "title", place, model="Section"),
                "level": level,
                "intro": reader.text(section, "intro", place, model="Section", required=False),
                "items": items,
            }
        )
    return sections


def _read_criteria(reader: _Reader, data: dict) -> list[dict]:
    criteria, keys = [], set()
    for i, raw in enumerate(reader.sequence(data.get("criteria"), "criteria", limit=limits.MAX_CRITERIA)):
        place = f"criteria[{i}]"
        criterion = reader.mapping(raw, place)
        reader.known_keys(criterion, {"key", "name", "factors"}, place)
        key = reader.slug(criterion, "key", place, model="Criterion")
        if key in keys:
            reader.fail(f"{place}.key", f"criterium '{key}' staat er twee keer in")
        keys.add(key)
        criteria.append(
            {"key": key, "name": reader.text(criterion, "name", place, model="Criterion"), "factors": _factors(reader, criterion, place)}
        )
    if not criteria:
        reader.fail("criteria", "een familie heeft minstens één criterium nodig")
    return criteria


LEVEL_KEYS = {
    "rank", "name", "grade", "description", "requirements", "typing_code", "typing_total", "cells",
}


def _read_levels(reader: _Reader, data: dict, criterion_keys: set[str], grade_codes: set[str]) -> list[dict]:
    levels = []
    for i, raw in enumerate(reader.sequence(data.get("levels"), "levels", limit=limits.MAX_LEVELS)):
        place = f"levels[{i}]"
        level = reader.mapping(raw, place)
        reader.known_keys(level, LEVEL_KEYS, place)
        if level.get("rank") != i + 1:
            reader.fail(f"{place}.rank", f"de rangen lopen op vanaf 1; hier hoort {i + 1}")
        grade = level.get("grade")
        if grade is not None and grade not in grade_codes:
            reader.fail(f"{place}.grade", f"schaal '{grade}' hoort niet bij het waarderingssysteem van deze familie")
        levels.append(
            {
                "rank": i + 1,
                "name": reader.text(level, "name", place, model="Level"),
                "grade": grade,
                "description": reader.text(level, "description", place, model="Level", required=False),
                "requirements": reader.text(level, "requirements", place, model="Level", required=False),
                "typing_code": _typing_code(reader, level, place),
                "typing_total": reader.optional_int(level, "typing_total", place),
                "cells": _read_cells(reader, level, place, criterion_keys, is_lowest=i == 0),
            }
        )
    if not levels:
        reader.fail("levels", "een familie heeft minstens één niveau nodig")
    elements = sum(len(cell["elements"]) for level in levels for cell in level["cells"])
    if elements > limits.MAX_ELEMENTS:
        reader.fail("levels", f"{dutch_number(elements)} elementen; een familie heeft er hoogstens {dutch_number(limits.MAX_ELEMENTS)}")
    return levels


def _typing_code(reader: _Reader, level: dict, place: str) -> str:
    value = level.get("typing_code") or ""
    if not isinstance(value, str):
        reader.fail(f"{place}.typing_code", "de functietypering is tekst, bijvoorbeeld \"22222  22222  22  22\"")
    reader.check(value.strip(), f"{place}.typing_code", column_limit("Level", "typing_code"))
    return value.strip()  # inner spacing is kept exactly as the source prints it


def cell_problem(inherits: str | None, has_elements: bool, *, is_lowest: bool) -> tuple[str, str] | None:
    """What is wrong with a cell's inheritance and own elements: (the key it concerns, the Dutch
    message), or None. One rule for the family reader and the admin's cell form."""
    if inherits and is_lowest:
        return "inherits", "het laagste niveau kan niet erven van een niveau eronder"
    if inherits == "idem" and has_elements:
        return "elements", "een 'idem'-cel heeft geen eigen elementen"
    if not inherits and not has_elements:
        return "elements", "een cel zonder overerving heeft minstens één element nodig"
    return None


def _read_cells(reader: _Reader, level: dict, place: str, criterion_keys: set[str], *, is_lowest: bool) -> list[dict]:
    cells, seen = [], set()
    for j, raw in enumerate(reader.sequence(level.get("cells"), f"{place}.cells", limit=limits.MAX_CRITERIA)):
        cell_place = f"{place}.cells[{j}]"
        cell = reader.mapping(raw, cell_place)
        reader.known_keys(cell, {"criterion", "inherits", "elements"}, cell_place)
        key = cell.get("criterion")
        if key not in criterion_keys:
            reader.fail(f"{cell_place}.criterion", f"onbekend criterium '{key}'")
        if key in seen:
            reader.fail(f"{cell_place}.criterion", f"criterium '{key}' heeft al een cel op dit niveau")
        seen.add(key)
        inherits = cell.get("inherits")
        if inherits not in INHERITS:
            reader.fail(f"{cell_place}.inherits", "alleen leeg, 'idem' of 'idem+' is toegestaan")
        elements = []
        for k, raw_element in enumerate(reader.sequence(cell.get("elements"), f"{cell_place}.elements", limit=limits.MAX_ELEMENTS_PER_CELL)):
            element_place = f"{cell_place}.elements[{k}]"
            element = reader.mapping(raw_element, element_place)
            reader.known_keys(element, {"text", "group"}, element_place)
            elements.append(
                {
                    "text": reader.text(element, "text", element_place, model="Element"),
                    "group": reader.text(element, "group", element_place, model="Element", required=False),
                }
            )
        if problem := cell_problem(inherits, bool(elements), is_lowest=is_lowest):
            reader.fail(f"{cell_place}.{problem[0]}", problem[1])
        cells.append({"criterion": key, "inherits": INHERITS[inherits], "elements": elements})
    return cells


def read_catalogue(fixtures_dir: Path) -> Catalogue:
    """Read and validate every file; raises FamilyFileError on the first problem."""
    systems_path = fixtures_dir / "grading_systems.yaml"
    if not systems_path.is_file():
        raise FamilyFileError(systems_path, "", "het bestand ontbreekt")
    systems = read_systems(systems_path)
    by_code = {s["code"]: s for s in systems}
    family_paths = sorted((fixtures_dir / "families").glob("*.yaml"))
    if not family_paths:
        raise FamilyFileError(fixtures_dir / "families", "", "geen familiebestanden (*.yaml) gevonden")
    families, slugs = [], {}
    for path in family_paths:
        family = read_family(path, by_code)
        if family["slug"] in slugs:
            raise FamilyFileError(path, "slug", f"'{family['slug']}' staat ook in {slugs[family['slug']]}")
        slugs[family["slug"]] = path.name
        families.append(family)
    return Catalogue(systems=systems, families=families)
