import pytest
import yaml
from django.core.management import CommandError, call_command

from profiles.catalogue.files import read_catalogue
from profiles.models import CatalogueVersion, Element

pytestmark = pytest.mark.django_db


def test_an_export_reads_back_as_a_valid_catalogue_with_every_family(tmp_path):
    call_command("export_families", str(tmp_path), verbosity=0)
    catalogue = read_catalogue(tmp_path)
    assert [f["slug"] for f in catalogue.families] == [
        "administratief-ondersteuner", "ambtelijk-secretaris", "div-ict", "secretariele-ondersteuning-vo",
    ]


def test_importing_an_export_changes_nothing(tmp_path, capsys):
    call_command("export_families", str(tmp_path))
    version = CatalogueVersion.current()
    call_command("import_families", dir=str(tmp_path))
    assert "niets gewijzigd" in capsys.readouterr().out
    assert CatalogueVersion.current() == version


def test_an_admin_correction_travels_through_export_and_import(tmp_path, settings):
    element = Element.objects.filter(cell__level__family__slug="div-ict").order_by("id").first()
    element.text = "Gecorrigeerde tekst uit de beheeromgeving"
    element.save()
    call_command("export_families", str(tmp_path), verbosity=0)
    data = yaml.safe_load((tmp_path / "families" / "div-ict.yaml").read_text(encoding="utf-8"))
    texts = [e["text"] for level in data["levels"] for cell in level["cells"] for e in cell["elements"]]
    assert "Gecorrigeerde tekst uit de beheeromgeving" in texts


def test_a_file_as_target_is_refused_in_dutch(tmp_path):
    target = tmp_path / "bestand.txt"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match="geen map"):
        call_command("export_families", str(target))


def test_an_export_of_the_loaded_fixtures_equals_the_fixtures(tmp_path, settings):
    call_command("export_families", str(tmp_path), verbosity=0)
    exported, original = read_catalogue(tmp_path), read_catalogue(settings.FIXTURES_DIR)
    assert exported.families == sorted(original.families, key=lambda f: f["slug"])
    assert sorted(exported.systems, key=lambda s: s["code"]) == sorted(original.systems, key=lambda s: s["code"])
