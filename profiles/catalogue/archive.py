"""The whole catalogue as one download: a zip of the YAML files, or one spreadsheet."""

import io
import zipfile

import yaml

from profiles.catalogue import spreadsheet
from profiles.catalogue.exporting import _Dumper, family_data, system_data
from profiles.selectors import family_full_queryset


def _yaml(data) -> bytes:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100).encode("utf-8")


def catalogue_families() -> list[dict]:
    return [family_data(family) for family in family_full_queryset().order_by("slug")]


def catalogue_zip() -> bytes:
    """grading_systems.yaml and families/<slug>.yaml, as `export_families` writes them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("grading_systems.yaml", _yaml(system_data()))
        for family in catalogue_families():
            archive.writestr(f"families/{family['slug']}.yaml", _yaml(family))
    return buffer.getvalue()


def catalogue_workbook() -> bytes:
    return spreadsheet.workbook_write(systems=system_data(), families=catalogue_families())


def template_workbook() -> bytes:
    """The empty template: every sheet with its columns, the instructions and the current
    grading systems (so their codes are at hand); no families."""
    return spreadsheet.workbook_write(systems=system_data(), families=[])
