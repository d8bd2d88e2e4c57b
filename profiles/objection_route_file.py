"""Read and validate `fixtures/objection_routes.yaml` before anything is written.

Plain data out (dicts and lists, as the file has them, with defaults filled in). Every problem is
a FamilyFileError in Dutch that names the file and the place, e.g. `routes[2].steps[0].term.unit`.
The YAML is parsed within the same limits as the family files.
"""

import re
from pathlib import Path
from typing import Any

from profiles import objection_terms as terms
from profiles.catalogue.files import SOURCE_URL, FamilyFileError, load_yaml

CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KINDS = ("internal_objection", "committee_advice", "employer_decision", "external_committee", "court", "council_of_state")
OUTCOMES = ("binding", "weighty_advice", "advice", "not_binding", "decision", "unknown")
ROUTE_KEYS = {"code", "name", "systems", "staff_category", "regulation", "note", "sources", "to_verify", "steps"}
STEP_KEYS = {"kind", "name", "recipient", "optional", "outcome", "note", "sources", "to_verify", "term"}
TERM_KEYS = {"length", "unit", "runs_from", "condition", "source", "to_verify"}
MAX_ROUTES, MAX_STEPS, MAX_SOURCES = 100, 20, 10
TEXT_LIMITS = {"code": 80, "name": 200, "staff_category": 100, "regulation": 300, "recipient": 300, "note": 2000}


class _Reader:
    def __init__(self, path: Path):
        self.path = path

    def fail(self, place: str, message: str):
        raise FamilyFileError(self.path, place, message)

    def mapping(self, value: Any, place: str, allowed: set[str]) -> dict:
        if not isinstance(value, dict):
            self.fail(place, "hier hoort een verzameling sleutels en waarden")
        unknown = sorted(str(key) for key in set(value) - allowed)
        if unknown:
            self.fail(place, f"onbekende sleutel(s): {', '.join(unknown)}")
        return value

    def sequence(self, value: Any, place: str, limit: int) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(place, "hier hoort een lijst")
        if len(value) > limit:
            self.fail(place, f"hoogstens {limit} items")
        return value

    def text(self, data: dict, key: str, place: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(f"{place}.{key}", "hier hoort een tekst" + (" (verplicht)" if required else ""))
        if len(value) > TEXT_LIMITS.get(key, 300):
            self.fail(f"{place}.{key}", f"hoogstens {TEXT_LIMITS.get(key, 300)} tekens")
        return value.strip()

    def flag(self, data: dict, key: str, place: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.fail(f"{place}.{key}", "hier hoort true of false")
        return value

    def choice(self, data: dict, key: str, place: str, allowed, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if value not in allowed:
            self.fail(f"{place}.{key}", f"„{value}” is niet toegestaan; kies uit {', '.join(allowed)}")
        return value

    def source(self, value: Any, place: str) -> dict:
        data = self.mapping(value, place, {"name", "url"})
        name = self.text(data, "name", place)
        url = data.get("url")
        if not isinstance(url, str) or not SOURCE_URL.match(url):
            self.fail(f"{place}.url", "hier hoort een webadres dat begint met http:// of https://")
        return {"name": name, "url": url}

    def sources(self, data: dict, place: str) -> list[dict]:
        items = self.sequence(data.get("sources"), f"{place}.sources", MAX_SOURCES)
        return [self.source(item, f"{place}.sources[{i}]") for i, item in enumerate(items)]

    def term(self, value: Any, place: str) -> dict | None:
        if value is None:
            return None
        data = self.mapping(value, place, TERM_KEYS)
        length = data.get("length")
        if not isinstance(length, int) or isinstance(length, bool) or not 1 <= length <= terms.MAX_LENGTH:
            self.fail(f"{place}.length", f"hier hoort een geheel getal van 1 tot {terms.MAX_LENGTH}")
        if "source" not in data:
            self.fail(f"{place}.source", "een termijn heeft een bron")
        return {
            "length": length,
            "unit": self.choice(data, "unit", place, tuple(terms.UNITS)),
            "runs_from": self.choice(data, "runs_from", place, tuple(terms.EVENTS)),
            "condition": self.choice(data, "condition", place, tuple(terms.CONDITIONS), required=False),
            "source": self.source(data["source"], f"{place}.source"),
            "to_verify": self.flag(data, "to_verify", place, True),
        }

    def step(self, value: Any, place: str) -> dict:
        data = self.mapping(value, place, STEP_KEYS)
        return {
            "kind": self.choice(data, "kind", place, KINDS),
            "name": self.text(data, "name", place),
            "recipient": self.text(data, "recipient", place),
            "optional": self.flag(data, "optional", place, False),
            "outcome": self.choice(data, "outcome", place, OUTCOMES),
            "note": self.text(data, "note", place, required=False),
            "sources": self.sources(data, place),
            "to_verify": self.flag(data, "to_verify", place, True),
            "term": self.term(data.get("term"), f"{place}.term"),
        }

    def route(self, value: Any, place: str) -> dict:
        data = self.mapping(value, place, ROUTE_KEYS)
        code = self.text(data, "code", place)
        if not CODE.match(code):
            self.fail(f"{place}.code", "kleine letters, cijfers en streepjes, bijvoorbeeld „cao-vo-bezwaar”")
        systems = self.sequence(data.get("systems"), f"{place}.systems", 20)
        for i, system in enumerate(systems):
            if not isinstance(system, str) or not system:
                self.fail(f"{place}.systems[{i}]", "hier hoort de code van een waarderingssysteem")
        steps = self.sequence(data.get("steps"), f"{place}.steps", MAX_STEPS)
        if not steps:
            self.fail(f"{place}.steps", "een route heeft minstens één stap")
        return {
            "code": code,
            "name": self.text(data, "name", place),
            "systems": systems,
            "staff_category": self.text(data, "staff_category", place, required=False),
            "regulation": self.text(data, "regulation", place, required=False),
            "note": self.text(data, "note", place, required=False),
            "sources": self.sources(data, place),
            "to_verify": self.flag(data, "to_verify", place, True),
            "steps": [self.step(step, f"{place}.steps[{i}]") for i, step in enumerate(steps)],
        }


def read_routes(path: Path) -> list[dict]:
    """The routes of the file, validated; a FamilyFileError names the first problem."""
    reader = _Reader(path)
    if not path.is_file():
        reader.fail("", "het bestand bestaat niet")
    data = reader.mapping(load_yaml(path), "bovenste niveau", {"routes"})
    items = reader.sequence(data.get("routes"), "routes", MAX_ROUTES)
    routes, seen = [], set()
    for i, item in enumerate(items):
        route = reader.route(item, f"routes[{i}]")
        if route["code"] in seen:
            reader.fail(f"routes[{i}].code", f"de code „{route['code']}” staat er meer dan eens")
        seen.add(route["code"])
        routes.append(route)
    return routes
