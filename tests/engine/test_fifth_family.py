"""A fifth family, invented for the tests: found from its own texts, graded in order, and loading
it changes nothing for roles of the four families (the engine reads no catalogue-wide figures)."""

import json
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest

from grading import engine
from profiles.catalogue.files import read_family, read_systems
from tests.engine.families import FIXTURES, _family, fixture_families, fixture_index

HERE = Path(__file__).parent
FIFTH = HERE / "fifth_family" / "groenbeheer.yaml"
ROLES = [json.loads(line) for line in (HERE / "fifth_family" / "roles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
CASE_FILES = [HERE / "cases" / name for name in ("calibration_cases.jsonl", "holdout_cases.jsonl", "level_cases.jsonl")]
VISIBLE = Path(__file__).resolve().parents[3] / "shared" / "eval" / "visible.jsonl"


@lru_cache(maxsize=1)
def fifth_family() -> engine.FamilyData:
    systems = {s["code"]: s for s in read_systems(FIXTURES / "grading_systems.yaml")}
    return _family(read_family(FIFTH, systems), systems)


@lru_cache(maxsize=1)
def five_index() -> engine.CatalogueIndex:
    return engine.build_index(fixture_families() + (fifth_family(),))


def all_cases() -> list[dict]:
    paths = CASE_FILES + ([VISIBLE] if VISIBLE.is_file() else [])
    return [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def outcome(result: engine.GradingResult) -> tuple:
    evidence = tuple((c.key, c.level_rank, tuple((e.start, e.end, e.element) for e in c.evidence)) for c in result.criteria)
    return result.family, result.level_rank, result.grade, result.position, result.track, evidence


@pytest.mark.parametrize("role", ROLES, ids=[role["id"] for role in ROLES])
def test_a_role_of_the_fifth_family_is_found_and_graded(role):
    result = engine.grade(role["text"], five_index())
    assert (result.family, result.level_rank) == (role["family"], role["rank"])


def test_the_fifth_familys_roles_grade_in_order():
    ranks = [engine.grade(role["text"], five_index(), family="medewerker-groenbeheer").level_rank for role in ROLES]
    assert ranks == sorted(ranks) and ranks[0] < ranks[-1]


def test_loading_the_fifth_family_changes_no_result_of_the_four():
    for case in all_cases():
        before = engine.grade(case["text"], fixture_index())
        after = engine.grade(case["text"], five_index())
        if after.family == "medewerker-groenbeheer":
            continue  # the role fits the new family: that may change it
        assert outcome(after) == outcome(before), case["id"]


def test_removing_a_family_a_role_does_not_fit_leaves_it_unchanged():
    families = fixture_families() + (fifth_family(),)
    for case in all_cases()[::3]:
        full = engine.grade(case["text"], five_index())
        for family in families:
            if family.slug == full.family:
                continue
            fewer = engine.build_index(f for f in families if f.slug != family.slug)
            assert outcome(engine.grade(case["text"], fewer)) == outcome(full), (case["id"], family.slug)


def test_a_family_reads_a_text_the_same_whatever_else_is_loaded():
    alone = engine.build_index([fifth_family()]).families["medewerker-groenbeheer"]
    together = five_index().families["medewerker-groenbeheer"]
    assert [(e.terms, e.weight) for e in alone.elements] == [(e.terms, e.weight) for e in together.elements]
    assert alone.domain == together.domain and alone.profile == together.profile


def test_the_four_families_are_found_without_their_recognition_blocks():
    bare = engine.build_index(replace(f, recognition=None) for f in fixture_families())
    cases = [c for c in all_cases() if c["family"] not in ("none", "medewerker-groenbeheer")]
    found = sum(engine.grade(c["text"], bare).family == c["family"] for c in cases)
    assert found / len(cases) >= 0.8
