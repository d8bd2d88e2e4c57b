"""A criterion's EIGE `factors` and a family's public `source_url`/`source_date` in the YAML."""

import pytest
from django.core.management import CommandError, call_command

from profiles.catalogue.files import read_catalogue
from profiles.models import Criterion, JobFamily
from tests.profiles.test_import_families import edit_family, fixtures_copy  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def add_fields(data):
    data["source_url"] = "https://example.org/functieboek.pdf"
    data["source_date"] = "2023-05"
    data["criteria"][0]["factors"] = ["skills", "responsibility"]


def test_factors_and_source_are_imported_and_exported_unchanged(fixtures_copy, tmp_path):
    edit_family(fixtures_copy, "div-ict", add_fields)
    call_command("import_families", dir=str(fixtures_copy), verbosity=0)
    family = JobFamily.objects.get(slug="div-ict")
    assert (family.source_url, family.source_date) == ("https://example.org/functieboek.pdf", "2023-05")
    assert family.criteria.order_by("order").first().factors == ["skills", "responsibility"]
    call_command("export_families", str(tmp_path / "out"), verbosity=0)
    exported = next(f for f in read_catalogue(tmp_path / "out").families if f["slug"] == "div-ict")
    original = next(f for f in read_catalogue(fixtures_copy).families if f["slug"] == "div-ict")
    assert exported == original


def test_a_year_written_as_a_number_is_read_as_text(fixtures_copy):
    edit_family(fixtures_copy, "div-ict", lambda d: d.update(source_date=2019))
    family = next(f for f in read_catalogue(fixtures_copy).families if f["slug"] == "div-ict")
    assert family["source_date"] == "2019"


def test_criteria_without_factors_get_an_empty_list():
    assert all(isinstance(f, list) for f in Criterion.objects.values_list("factors", flat=True))


@pytest.mark.parametrize(
    "change, place",
    [
        (lambda d: d["criteria"][0].update(factors=["vaardigheden"]), "criteria[0].factors[0]"),
        (lambda d: d["criteria"][1].update(factors=["effort", "effort"]), "criteria[1].factors[1]"),
        (lambda d: d["criteria"][0].update(factors="skills"), "criteria[0].factors"),
        (lambda d: d.update(source_url="ftp://example.org/x"), "source_url"),
        (lambda d: d.update(source_url="geen adres"), "source_url"),
        (lambda d: d.update(source_date="mei 2023"), "source_date"),
        (lambda d: d.update(source_date="2023-13"), "source_date"),
    ],
)
def test_a_wrong_factor_or_source_loads_nothing_and_names_the_place(fixtures_copy, change, place):
    edit_family(fixtures_copy, "ambtelijk-secretaris", change)
    with pytest.raises(CommandError) as error:
        call_command("import_families", dir=str(fixtures_copy), verbosity=0)
    assert f"ambtelijk-secretaris.yaml, {place}:" in str(error.value)
