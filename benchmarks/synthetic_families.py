"""Synthetic families for scale benchmarks: variants of real ones with their own vocabulary."""

import random
from dataclasses import replace

from grading.engine.data import CellData, ElementData, FamilyData

FILLER = (
    "plant beoordeelt registreert verwerkt controleert archiveert adviseert coördineert analyseert "
    "rapporteert begeleidt organiseert inventariseert onderhoudt installeert beheert ontwikkelt "
    "zaak dossier project klant budget systeem proces netwerk voorraad rooster contract subsidie "
    "vergunning melding aanvraag dienstverlening kwaliteit planning inkoop logistiek"
).split()


def _mutate(text: str, rng: random.Random, marker: str) -> str:
    words = text.split()
    for _ in range(max(1, len(words) // 4)):
        words[rng.randrange(len(words))] = rng.choice(FILLER)
    return " ".join(words + [marker])


def synthetic_families(templates: tuple[FamilyData, ...], count: int, seed: int = 7) -> tuple[FamilyData, ...]:
    rng = random.Random(seed)
    families = []
    for number in range(count):
        template = templates[number % len(templates)]
        marker = f"synthetisch{number}"
        levels = tuple(
            replace(
                level,
                description=_mutate(level.description or level.name, rng, marker),
                cells=tuple(
                    CellData(
                        criterion=cell.criterion,
                        inherits=cell.inherits,
                        elements=tuple(
                            ElementData(_mutate(e.text, rng, marker), e.group, e.added, e.inherited)
                            for e in cell.elements
                        ),
                    )
                    for cell in level.cells
                ),
            )
            for level in template.levels
        )
        families.append(
            replace(template, slug=f"{template.slug}-synthetisch-{number}", name=f"{template.name} ({number})", levels=levels)
        )
    return tuple(families)
