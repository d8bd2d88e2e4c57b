"""The engine's view of the families: frozen dataclasses, built from the database elsewhere."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ElementData:
    text: str
    group: str = ""
    added: bool = True  # distinguishes its level from the level below
    inherited: bool = False  # shown through "Idem" / "Idem +" from a lower level


@dataclass(frozen=True)
class CellData:
    criterion: str  # the criterion key
    inherits: str = ""  # "", "idem" or "idem+"
    elements: tuple[ElementData, ...] = ()  # what the cell shows: inherited first, then its own


@dataclass(frozen=True)
class CriterionData:
    key: str
    name: str


@dataclass(frozen=True)
class SectionData:
    kind: str
    title: str
    intro: str = ""
    items: tuple[str, ...] = ()
    level_rank: int | None = None  # set for sections that belong to one level


@dataclass(frozen=True)
class LevelData:
    rank: int  # 1 = lowest
    name: str
    grade: str | None  # None when the source gives no grade
    cells: tuple[CellData, ...]
    description: str = ""
    requirements: str = ""  # what the source states besides the matrix (education, experience)
    entry_requirement: str = ""  # a diploma rule of the grading system for this grade
    id: int | None = None


@dataclass(frozen=True)
class FamilyData:
    slug: str
    name: str
    levels: tuple[LevelData, ...]
    criteria: tuple[CriterionData, ...]
    grading_system: str | None = None  # code, e.g. "fwg", "rijk", "federaal"
    system_grades: tuple[str, ...] = ()  # every grade code of the system, low to high
    jurisdiction: str = ""
    sector: str = ""
    core: str = ""
    related_functions: tuple[str, ...] = ()
    reference_functions: tuple[str, ...] = ()
    context_notes: tuple[str, ...] = ()
    sections: tuple[SectionData, ...] = ()

    def level(self, rank: int) -> LevelData:
        return self.levels[rank - 1]
