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
class TrackData:
    """A parallel track inside a family (e.g. Informatiebeheer, ICT, Techniek), marked in the
    source by the group headings of its elements; a track need not exist at every level."""

    name: str
    groups: tuple[str, ...]  # the element group headings that belong to this track
    terms: tuple[str, ...] = ()  # words a role of this track uses besides its elements


@dataclass(frozen=True)
class RecognitionData:
    """What the engine knows about one family beyond its texts: the YAML `recognition:` block."""

    domain: tuple[str, ...] = ()  # what a role of this family is about
    setting: tuple[str, ...] = ()  # the setting or sector it works in
    setting_required: bool = False  # the family only fits inside its setting
    domain_required: bool = False  # the family only fits a role that names its domain or a function name
    functions: tuple[str, ...] = ()  # names and abbreviations of its functions
    # Those its roles face rather than work for (the bestuurder a participation body deals with):
    # a role that supports or advises them, and none of the family's domain, is not the family's.
    counterparts: tuple[str, ...] = ()
    # Functions of the same setting that are not the family's (its "afbakening": the teacher beside
    # a school's secretariat), each one word as a title names a role: a text that names its role so
    # is that other function's, however many of the family's words it shares.
    other_functions: tuple[str, ...] = ()
    tracks: tuple[TrackData, ...] | None = None  # None: derive them from the element groups
    additions: tuple[str, ...] = ()  # section titles that add to a function (not levels, not tracks)
    # The criteria whose elements say what work a role does, as opposed to the frame it works in
    # (its room to decide, knowledge, contacts); empty: every criterion does.
    work: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict | None) -> "RecognitionData | None":
        """From the validated `recognition:` block (profiles/catalogue/files.py) as stored."""
        if not data:
            return None
        tracks = data.get("tracks")
        return cls(
            domain=tuple(data.get("domain") or ()),
            setting=tuple(data.get("setting") or ()),
            setting_required=bool(data.get("setting_required")),
            domain_required=bool(data.get("domain_required")),
            functions=tuple(data.get("functions") or ()),
            counterparts=tuple(data.get("counterparts") or ()),
            other_functions=tuple(data.get("other_functions") or ()),
            tracks=None if tracks is None else tuple(
                TrackData(t["name"], tuple(t.get("groups") or ()), tuple(t.get("terms") or ())) for t in tracks
            ),
            additions=tuple(data.get("additions") or ()),
            work=tuple(data.get("work") or ()),
        )


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
    recognition: RecognitionData | None = None
    # Every grading system of the catalogue with the settings that use it (setting.SystemData),
    # so the engine can tell a text's setting grades by another system than this family's.
    systems: tuple = ()

    def level(self, rank: int) -> LevelData:
        return self.levels[rank - 1]
