"""The four families as engine dataclasses, straight from fixtures/ (no database, no Django)."""

from functools import lru_cache
from pathlib import Path

from grading import engine
from profiles.catalogue.files import read_catalogue

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _norm(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".;:, ")


def _family(data: dict, systems: dict) -> engine.FamilyData:
    shown: dict[tuple[int, str], list[engine.ElementData]] = {}
    levels = []
    for level in data["levels"]:
        cells = []
        for cell in level["cells"]:
            below = shown.get((level["rank"] - 1, cell["criterion"]), [])
            inherited = [engine.ElementData(e.text, e.group, False, True) for e in below] if cell["inherits"] else []
            below_texts = {_norm(e.text) for e in below}
            own = [engine.ElementData(e["text"], e["group"], _norm(e["text"]) not in below_texts, False) for e in cell["elements"]]
            shown[(level["rank"], cell["criterion"])] = inherited + own
            cells.append(engine.CellData(cell["criterion"], cell["inherits"], tuple(inherited + own)))
        requirements = [
            f"{item['group']}: {item['text']}" if item["group"] else item["text"]
            for section in data["sections"] if section["level"] == level["rank"] for item in section["items"]
        ]
        grade = next((g for g in systems.get(data["grading_system"], {}).get("grades", []) if g["code"] == level["grade"]), None)
        levels.append(
            engine.LevelData(
                rank=level["rank"], name=level["name"], grade=level["grade"], cells=tuple(cells),
                description=level["description"], requirements="\n".join([level["requirements"], *requirements]).strip(),
                entry_requirement=grade["entry_requirement"] if grade else "",
            )
        )
    system = systems.get(data["grading_system"])
    return engine.FamilyData(
        slug=data["slug"], name=data["name"], levels=tuple(levels),
        criteria=tuple(engine.CriterionData(c["key"], c["name"]) for c in data["criteria"]),
        grading_system=data["grading_system"], system_grades=tuple(g["code"] for g in system["grades"]) if system else (),
        jurisdiction=data["jurisdiction"], sector=data["sector"], core=data["core"],
        related_functions=tuple(data["related_functions"]), reference_functions=tuple(data["reference_functions"]),
        context_notes=tuple(n["text"] for n in data["context_notes"]),
        sections=tuple(
            engine.SectionData(s["kind"], s["title"], s["intro"], tuple(i["text"] for i in s["items"]), s["level"])
            for s in data["sections"]
        ),
        recognition=engine.RecognitionData.from_dict(data.get("recognition")),
    )


@lru_cache(maxsize=1)
def fixture_families() -> tuple[engine.FamilyData, ...]:
    catalogue = read_catalogue(FIXTURES)
    systems = {s["code"]: s for s in catalogue.systems}
    return tuple(_family(f, systems) for f in sorted(catalogue.families, key=lambda f: f["slug"]))


@lru_cache(maxsize=1)
def fixture_index() -> engine.CatalogueIndex:
    return engine.build_index(fixture_families())
