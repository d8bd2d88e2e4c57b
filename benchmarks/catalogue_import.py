"""What importing one large family costs, step by step, for `manage.py benchmark_import`."""

import time
from dataclasses import dataclass

import yaml
from django.db import transaction

from profiles.catalogue import spreadsheet
from profiles.catalogue.diff import family_diff
from profiles.catalogue.files import Catalogue
from profiles.catalogue.importing import import_catalogue
from profiles.catalogue.uploads import current_families, current_systems, upload_read
from profiles.catalogue.versions import release_publish
from profiles.models import CatalogueRelease


def synthetic_family(*, levels: int, criteria: int, per_cell: int) -> dict:
    """A made-up family in the documented YAML format, without a grading system."""
    return {
        "slug": "benchmark-familie", "name": "Benchmarkfamilie", "grading_system": None,
        "jurisdiction": "Nederland", "sector": "Gemeente", "source_file": "benchmark.txt",
        "core": "Een gemaakte familie om de kosten van een import te meten.",
        "criteria": [{"key": f"criterium-{c}", "name": f"Criterium {c}", "factors": ["skills"]} for c in range(criteria)],
        "levels": [
            {
                "rank": rank, "name": f"Niveau {rank}", "grade": None, "description": f"Omschrijving van niveau {rank}.",
                "cells": [
                    {"criterion": f"criterium-{c}", "inherits": "idem+" if rank > 1 else None,
                     "elements": [{"text": f"Element {e} van criterium {c} op niveau {rank}, met een zin van gewone lengte."}
                                  for e in range(per_cell)]}
                    for c in range(criteria)
                ],
            }
            for rank in range(1, levels + 1)
        ],
    }


@dataclass
class Timing:
    step: str
    seconds: float


def run(*, levels: int, criteria: int, per_cell: int) -> tuple[int, int, list[Timing]]:
    """Time each step on the current database, then roll everything back."""
    family = synthetic_family(levels=levels, criteria=criteria, per_cell=per_cell)
    content = yaml.safe_dump(family, allow_unicode=True, sort_keys=False).encode()
    timings: list[Timing] = []

    def timed(step, fn):
        start = time.perf_counter()
        result = fn()
        timings.append(Timing(step, time.perf_counter() - start))
        return result

    with transaction.atomic():
        read = timed("YAML lezen en valideren", lambda: upload_read(name="benchmark.yaml", content=content))
        data = read["families"][0]
        timed("voorvertoning (verschil met de catalogus)", lambda: family_diff(current_families([data["slug"]]).get(data["slug"]), data))
        catalogue = Catalogue(systems=current_systems(), families=[data])
        timed("eerste import (alles nieuw)", lambda: import_catalogue(catalogue))
        timed("publiceren (versie met revisies)", lambda: release_publish(by=None, comment="benchmark", origin=CatalogueRelease.Origin.IMPORT))
        timed("zelfde import nog eens (niets gewijzigd)", lambda: import_catalogue(catalogue))
        data["levels"][-1]["cells"][0]["elements"][0]["text"] = "Gewijzigd element."
        timed("import met één gewijzigd element", lambda: import_catalogue(Catalogue(systems=catalogue.systems, families=[data])))
        book = timed("spreadsheet schrijven", lambda: spreadsheet.workbook_write(systems=None, families=[family]))
        timed("spreadsheet lezen en valideren", lambda: upload_read(name="benchmark.xlsx", content=book))
        transaction.set_rollback(True)
    return len(content), len(book), timings
