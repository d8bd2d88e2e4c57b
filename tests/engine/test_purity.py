import subprocess
import sys
from pathlib import Path

from grading import engine
from tests.engine.families import fixture_families, fixture_index


def test_engine_imports_no_django():
    code = "import sys, grading.engine; assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def test_the_fixture_families_build_without_a_database():
    slugs = [f.slug for f in fixture_families()]
    assert slugs == ["administratief-ondersteuner", "ambtelijk-secretaris", "div-ict", "secretariele-ondersteuning-vo"]


def test_every_result_carries_the_engine_version():
    result = engine.grade("Notuleert de vergaderingen van de ondernemingsraad.", fixture_index())
    assert result.engine_version == engine.ENGINE_VERSION
    assert result.as_dict()["engine_version"] == engine.ENGINE_VERSION


def test_grading_is_deterministic():
    text = "Beheert het archief en registreert poststukken in het DMS. Mbo-opleiding."
    first = engine.grade(text, fixture_index()).as_dict()
    assert all(engine.grade(text, fixture_index()).as_dict() == first for _ in range(3))


def test_families_as_a_sequence_give_the_same_result_as_an_index():
    text = "Ambtelijk secretaris van de cliëntenraad: organiseert vergaderingen en notuleert."
    assert engine.grade(text, fixture_families()).as_dict() == engine.grade(text, fixture_index()).as_dict()
