"""The functiehuis as one spreadsheet: a template to fill in, an export, and the upload reader.

Every part of the family format has a sheet; the first row of a sheet holds Dutch column names
(`COLUMN_NAMES`), and the reader also takes the YAML key names older templates carried. Rows
become the same plain dicts a YAML file gives, and `files` validates them; an error's YAML path is
translated back to the sheet, row and (Dutch) column it came from. The reader collects every
problem of its own (an unknown family, a missing column) instead of stopping at the first; the
help page /help/bestandsformaat/ documents the format.
"""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl  # parses with defusedxml when it is installed (a dependency): no entity expansion
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException

from functiewaardering.numbers import whole_number
from profiles.catalogue import workbook_limits
from profiles.catalogue.files import FamilyFileError
from profiles.catalogue.workbook_limits import (
    MAX_ROWS,  # per sheet, the header included
)

SHEETS: dict[str, list[str]] = {
    "Families": ["slug", "name", "grading_system", "jurisdiction", "sector", "source_file", "source_title",
                 "source_url", "source_date", "core"],
    "Functies": ["family", "kind", "name"],
    "Contextnotities": ["family", "title", "text", "source_file"],
    "Onderdelen": ["family", "section", "kind", "title", "level", "intro"],
    "Onderdeelpunten": ["family", "section", "group", "text"],
    "Criteria": ["family", "key", "name", "factors"],
    "Niveaus": ["family", "rank", "name", "grade", "description", "requirements", "typing_code", "typing_total"],
    "Cellen": ["family", "level", "criterion", "inherits", "group", "text"],
    "Herkenning": ["family", "key", "track", "value"],
    "Systemen": ["code", "name", "description", "legal_basis"],
    "Schalen": ["system", "code", "name", "entry_requirement"],
    "Omgevingen": ["system", "setting", "kind", "value"],
}
OLD_SHEET_NAMES = {"Omgevingen": "Settings"}  # templates made before the Dutch names
# The Dutch header of each internal key, the same in every sheet that has the key.
COLUMN_NAMES = {
    "slug": "sleutel", "name": "naam", "grading_system": "waarderingssysteem", "jurisdiction": "rechtsgebied",
    "sector": "sector", "source_file": "bronbestand", "source_title": "brontitel", "source_url": "bronadres",
    "source_date": "brondatum", "core": "kern", "family": "familie", "kind": "soort", "title": "titel",
    "text": "tekst", "section": "onderdeel", "level": "niveau", "intro": "inleiding", "group": "groep",
    "key": "sleutel", "factors": "factoren", "rank": "rang", "grade": "schaal", "description": "beschrijving",
    "requirements": "eisen", "typing_code": "functietypering", "typing_total": "typeringstotaal",
    "criterion": "criterium", "inherits": "overerving", "track": "spoor", "value": "waarde", "code": "code",
    "system": "systeem", "entry_requirement": "instapeis", "setting": "omgeving", "legal_basis": "rechtsgrond",
    "elements": "tekst",  # an error about a cell's elements points at its text column
}


def column_name(key: str) -> str:
    return COLUMN_NAMES.get(key, key)
VALUE_COLUMNS = {"Functies": "name", "Herkenning": "value"}
NUMBER_COLUMNS = {"rank", "level", "section", "typing_total"}
RECOGNITION_LISTS = ("domain", "functions", "counterparts", "other_functions", "setting", "additions", "work")
RECOGNITION_FLAGS = ("setting_required", "domain_required")
INSTRUCTIONS_TITLE = "Toelichting"
INSTRUCTIONS = [
    ("Zo gebruikt u dit sjabloon", ""),
    ("", "Elk blad hoort bij een deel van het familieformaat; de uitleg staat in de applicatie op "
         "/help/bestandsformaat/. De eerste rij van een blad bevat de kolomnamen; laat die staan. Elke volgende rij "
         "is één regel gegevens. Een familie mag tientallen niveaus en honderden elementen hebben."),
    ("", "Upload het ingevulde bestand op /beheer/importeren/. U ziet eerst per familie wat er verandert; er wordt "
         "niets opgeslagen voordat u bevestigt. Zit er iets fout, dan noemt de applicatie alle fouten tegelijk "
         "(hoogstens 50), elk met blad, rij en kolom."),
    ("Families", "Eén rij per familie: sleutel (a-z, 0-9 en -; het adres van de familie), naam, waarderingssysteem "
                 "(code uit blad Systemen of leeg), rechtsgebied (Nederland of België), sector, bronbestand, brontitel, "
                 "bronadres (http(s)-adres), brondatum (jaar, jaar-maand of jaar-maand-dag) en kern (kern van de functie)."),
    ("Functies", "familie = sleutel van de familie; soort = related (gerelateerde kernfunctie) of reference (referentiefunctie); naam."),
    ("Contextnotities", "familie, titel, tekst (alinea's gescheiden door een lege regel; opsommingen als regels '- ...'), bronbestand (optioneel)."),
    ("Onderdelen", "Familiebrede onderdelen: familie, onderdeel (volgnummer 1, 2, ... binnen de familie), soort (results, behaviour, "
                   "competences, quality_profile, result_area of footnote), titel, niveau (rang van het niveau, optioneel), inleiding (optioneel)."),
    ("Onderdeelpunten", "De punten van een onderdeel: familie, onderdeel (het volgnummer uit Onderdelen), groep (tussenkop, optioneel), tekst."),
    ("Criteria", "De rijen van de niveaumatrix, in volgorde: familie, sleutel (a-z, 0-9 en -), naam, factoren (optioneel, met komma's: "
                 "skills, effort, responsibility, working_conditions)."),
    ("Niveaus", "Van laag naar hoog: familie, rang (1, 2, 3 ...), naam, schaal (schaalcode of leeg), beschrijving, eisen, "
                "functietypering (zoals gedrukt), typeringstotaal."),
    ("Cellen", "Eén rij per element: familie, niveau (rang), criterium (sleutel uit Criteria), overerving (leeg, idem of idem+), "
               "groep (kop binnen de cel, optioneel), tekst. Een idem-cel is één rij zonder tekst. Bij idem+ staan alleen de "
               "elementen die het niveau toevoegt. Rijen van één cel staan onder elkaar."),
    ("Herkenning", "Wat de engine over de familie weet: familie, sleutel en waarde. sleutel = domain, functions, counterparts, other_functions, setting, additions of work (een sleutel uit "
                   "Criteria): één woord(groep) per rij in waarde (bij other_functions één woord: een functie naast die van de "
                   "familie, zoals 'onderwijsassistent'); setting_required en domain_required: waarde ja of nee; track-groups en track-terms: de naam "
                   "van het spoor in spoor en één kop of woord per rij in waarde; tracks zonder waarde: uitdrukkelijk geen sporen."),
    ("Systemen", "Waarderingssystemen (alleen invullen om ze te wijzigen; leeg laten houdt de huidige): code, naam, beschrijving, rechtsgrond (de regeling waarop de waardering rust)."),
    ("Schalen", "systeem (code uit Systemen), code, naam, instapeis (optioneel); van laag naar hoog."),
    ("Omgevingen", "Waar een systeem geldt: systeem, omgeving (naam), soort (terms of employers), waarde (één woord(groep) per rij)."),
]


def _cell_value(value):
    if isinstance(value, str) and value.startswith("="):
        return value  # written with data_type "s" below: a text, never a formula
    return value


class _Book:
    def __init__(self):
        self.workbook = openpyxl.Workbook()
        sheet = self.workbook.active
        sheet.title = INSTRUCTIONS_TITLE
        sheet.append(["Onderdeel", "Uitleg"])
        for row in INSTRUCTIONS:
            sheet.append(list(row))
        sheet.column_dimensions["A"].width = 22
        sheet.column_dimensions["B"].width = 120
        for cells in sheet.iter_rows(min_row=1):
            cells[1].alignment = Alignment(wrap_text=True, vertical="top")
        sheet["A1"].font = sheet["B1"].font = Font(bold=True)
        self.sheets = {}
        for title, columns in SHEETS.items():
            ws = self.workbook.create_sheet(title)
            ws.append([column_name(column) for column in columns])
            for cell in ws[1]:
                cell.font = Font(bold=True)
            ws.freeze_panes = "A2"
            self.sheets[title] = ws

    def add(self, sheet_title: str, /, **values) -> None:
        ws = self.sheets[sheet_title]
        ws.append([_cell_value(values.get(column)) for column in SHEETS[sheet_title]])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


def workbook_write(*, systems: list[dict] | None, families: list[dict]) -> bytes:
    """A workbook with the given systems and families (both in their exported YAML form)."""
    book = _Book()
    for system in systems or []:
        book.add("Systemen", code=system["code"], name=system["name"], description=system.get("description") or None,
                 legal_basis=system.get("legal_basis") or None)
        for grade in system.get("grades", []):
            book.add("Schalen", system=system["code"], code=grade["code"], name=grade["name"],
                     entry_requirement=grade.get("entry_requirement") or None)
        for setting in system.get("settings", []):
            for kind in ("terms", "employers"):
                for value in setting.get(kind, []):
                    book.add("Omgevingen", system=system["code"], setting=setting["name"], kind=kind, value=value)
    for family in families:
        slug = family["slug"]
        book.add("Families", **{key: family.get(key) or None for key in SHEETS["Families"]})
        for kind, key in (("related", "related_functions"), ("reference", "reference_functions")):
            for name in family.get(key, []):
                book.add("Functies", family=slug, kind=kind, name=name)
        for note in family.get("context_notes", []):
            book.add("Contextnotities", family=slug, title=note["title"], text=note["text"], source_file=note.get("source_file") or None)
        for number, section in enumerate(family.get("sections", []), start=1):
            book.add("Onderdelen", family=slug, section=number, kind=section["kind"], title=section["title"],
                     level=section.get("level"), intro=section.get("intro") or None)
            for item in section.get("items", []):
                book.add("Onderdeelpunten", family=slug, section=number, group=item.get("group") or None, text=item["text"])
        for criterion in family.get("criteria", []):
            book.add("Criteria", family=slug, key=criterion["key"], name=criterion["name"],
                     factors=", ".join(criterion.get("factors") or []) or None)
        for level in family.get("levels", []):
            book.add("Niveaus", family=slug, **{k: level.get(k) if level.get(k) not in ("", None) else None for k in SHEETS["Niveaus"][1:]})
            for cell in level.get("cells", []):
                elements = cell.get("elements") or [None]
                for element in elements:
                    book.add("Cellen", family=slug, level=level["rank"], criterion=cell["criterion"],
                             inherits=cell.get("inherits") or None,
                             group=(element or {}).get("group") or None, text=(element or {}).get("text"))
        recognition = family.get("recognition")
        if recognition:
            for key in RECOGNITION_LISTS:
                for value in recognition.get(key) or []:
                    book.add("Herkenning", family=slug, key=key, value=value)
            for flag in RECOGNITION_FLAGS:
                if recognition.get(flag):
                    book.add("Herkenning", family=slug, key=flag, value="ja")
            tracks = recognition.get("tracks")
            if tracks is not None and not tracks:
                book.add("Herkenning", family=slug, key="tracks")
            for track in tracks or []:
                for key in ("groups", "terms"):
                    for value in track.get(key) or []:
                        book.add("Herkenning", family=slug, key=f"track-{key}", track=track["name"], value=value)
    return book.save()


# ---------------------------------------------------------------------------- reading

@dataclass
class Row:
    sheet: str
    number: int
    values: dict

    def get(self, key):
        return self.values.get(key)


@dataclass
class ReadBook:
    name: str
    systems: list[dict] | None
    families: list[dict]
    origins: list[dict[str, tuple[str, int]]] = field(default_factory=list)
    errors: list[FamilyFileError] = field(default_factory=list)  # the reader's own, rows left out

    def locate(self, index: int) -> Callable[[FamilyFileError], FamilyFileError]:
        origins = self.origins[index]

        def translate(error: FamilyFileError) -> FamilyFileError:
            place = error.place
            best = ""
            for path in origins:
                if (place == path or place.startswith(path + ".") or place.startswith(path + "[") or not path) and len(path) >= len(best):
                    best = path
            sheet, row = origins.get(best, ("Families", 0))
            column = re.sub(r"\[\d+\]", "", place[len(best):].lstrip(".")).split(".")[-1] if place != best else ""
            column = column or VALUE_COLUMNS.get(sheet, "")  # a list of texts: the row's one value
            return _fail(self.name, sheet, row, column or None, error.message, place=place)

        return translate


def _fail(name: str, sheet: str, row: int | None, column: str | None, message: str, *, place: str = "") -> FamilyFileError:
    where = (f"blad {sheet}" + (f", rij {row}" if row else "") + (f", kolom {column_name(column)}" if column else "")
             + (f" ({place})" if place else ""))
    return FamilyFileError(Path(name), where, message)


def _number(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and (number := whole_number(value.strip())) is not None:
        return number
    return value  # not a whole number: the family reader refuses it with a Dutch message


def _sheet(workbook, title: str):
    for candidate in (title, OLD_SHEET_NAMES.get(title)):
        if candidate in workbook.sheetnames:
            return workbook[candidate]
    return None


def _rows(workbook, title: str, name: str, check, errors: list[FamilyFileError]) -> list[Row]:
    ws = _sheet(workbook, title)
    if ws is None:
        return []
    ws.reset_dimensions()  # a row is as wide as its last real cell, not as wide as the sheet claims
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    keys = {column_name(key): key for key in SHEETS[title]} | {key: key for key in SHEETS[title]}
    columns = [keys.get(str(h).strip(), str(h).strip()) if h is not None else "" for h in header]
    missing = [column_name(c) for c in SHEETS[title] if c not in columns]
    if missing:
        errors.append(_fail(name, title, 1, None, f"kolom(men) ontbreken in de eerste rij: {', '.join(missing)}"))
        return []
    result = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS:
            raise _fail(name, title, number, None, f"meer dan {MAX_ROWS} rijen")
        if number % 500 == 0:
            check()
        values = (values or ())[:len(columns)]  # cells past the header's columns are never read
        if values is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        row = {}
        for column, value in zip(columns, values):
            if column in SHEETS[title] and value is not None and not (isinstance(value, str) and not value.strip()):
                row[column] = _number(value) if column in NUMBER_COLUMNS else value
        result.append(Row(title, number, row))
    return result


def workbook_read(content: bytes, name: str, *, deadline: Callable[[], None]) -> ReadBook:
    """The spreadsheet's families and systems as raw dicts, ready for `files` to check, and the
    problems found while reading (each row with one is left out).

    The XML is checked within bounds (`workbook_limits`) before openpyxl reads any of it.
    """
    workbook_limits.workbook_check(content, name)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (InvalidFileException, KeyError, ValueError, OSError, TypeError) as error:
        raise FamilyFileError(Path(name), "", f"de spreadsheet kan niet worden gelezen ({type(error).__name__})") from None
    except Exception as error:  # noqa: BLE001 - defusedxml and broken parts raise many kinds
        raise FamilyFileError(Path(name), "", f"de spreadsheet kan niet worden gelezen ({type(error).__name__})") from None
    errors: list[FamilyFileError] = []
    try:
        sheets = {title: _rows(workbook, title, name, deadline, errors) for title in SHEETS}
    except (ValueError, TypeError, KeyError, IndexError) as error:  # a cell openpyxl cannot read
        raise FamilyFileError(Path(name), "", f"de spreadsheet kan niet worden gelezen ({type(error).__name__})") from None
    finally:
        workbook.close()
    deadline()
    systems = _systems(sheets, name, errors)
    families, origins = _families(sheets, name, errors)
    return ReadBook(name, systems, families, origins, errors)


def _systems(sheets: dict[str, list[Row]], name: str, errors: list[FamilyFileError]) -> list[dict] | None:
    if not sheets["Systemen"]:
        return None
    systems = {}
    for row in sheets["Systemen"]:
        data = {"code": row.get("code"), "name": row.get("name"), "grades": []}
        for key in ("description", "legal_basis"):
            if row.get(key) is not None:
                data[key] = row.get(key)
        systems[row.get("code")] = data
    for row in sheets["Schalen"]:
        system = systems.get(row.get("system"))
        if system is None:
            errors.append(_fail(name, "Schalen", row.number, "system", f"onbekend systeem '{row.get('system')}' (niet in blad Systemen)"))
            continue
        grade = {"code": row.get("code"), "name": row.get("name")}
        if row.get("entry_requirement") is not None:
            grade["entry_requirement"] = row.get("entry_requirement")
        system["grades"].append(grade)
    for row in sheets["Omgevingen"]:
        system = systems.get(row.get("system"))
        if system is None:
            errors.append(_fail(name, "Omgevingen", row.number, "system", f"onbekend systeem '{row.get('system')}' (niet in blad Systemen)"))
            continue
        if row.get("kind") not in ("terms", "employers"):
            errors.append(_fail(name, "Omgevingen", row.number, "kind", "hier hoort terms of employers"))
            continue
        settings = system.setdefault("settings", [])
        setting = next((s for s in settings if s["name"] == row.get("setting")), None)
        if setting is None:
            setting = {"name": row.get("setting")}
            settings.append(setting)
        setting.setdefault(row.get("kind"), []).append(row.get("value"))
    return list(systems.values())


def _families(sheets: dict[str, list[Row]], name: str, errors: list[FamilyFileError]) -> tuple[list[dict], list[dict]]:
    families: dict[str, dict] = {}
    origins: dict[str, dict] = {}

    def refuse(row: Row, column: str, message: str) -> None:
        errors.append(_fail(name, row.sheet, row.number, column, message))

    for row in sheets["Families"]:
        slug = row.get("slug")
        if slug in families:
            refuse(row, "slug", f"familie '{slug}' staat er twee keer in")
            continue
        families[slug] = {key: row.get(key) for key in SHEETS["Families"] if key in row.values}
        families[slug].setdefault("grading_system", None)
        origins[slug] = {"": ("Families", row.number)}

    def rows_of(sheet: str):
        """The sheet's rows with their family; a row of an unknown family is refused."""
        for row in sheets[sheet]:
            slug = row.get("family")
            if slug not in families:
                refuse(row, "family", f"onbekende familie '{slug}' (niet in blad Families)")
                continue
            yield row, families[slug], origins[slug]

    def append(row: Row, family: dict, origin: dict, key: str, value) -> None:
        items = family.setdefault(key, [])
        origin[f"{key}[{len(items)}]"] = (row.sheet, row.number)
        items.append(value)

    for row, family, origin in rows_of("Functies"):
        kind = {"related": "related_functions", "reference": "reference_functions"}.get(row.get("kind"))
        if kind is None:
            refuse(row, "kind", "hier hoort related of reference")
            continue
        append(row, family, origin, kind, row.get("name"))
    for row, family, origin in rows_of("Contextnotities"):
        append(row, family, origin, "context_notes", {k: row.get(k) for k in ("title", "text", "source_file") if k in row.values})
    section_index: dict[tuple, dict] = {}
    for row, family, origin in rows_of("Onderdelen"):
        section = {k: row.get(k) for k in ("kind", "title", "level", "intro") if k in row.values}
        section["items"] = []
        section_index[(row.get("family"), row.get("section"))] = (section, len(family.get("sections", [])))
        append(row, family, origin, "sections", section)
    for row, family, origin in rows_of("Onderdeelpunten"):
        found = section_index.get((row.get("family"), row.get("section")))
        if found is None:
            refuse(row, "section", f"geen onderdeel met volgnummer {row.get('section')} in blad Onderdelen")
            continue
        section, i = found
        origin[f"sections[{i}].items[{len(section['items'])}]"] = (row.sheet, row.number)
        section["items"].append({k: row.get(k) for k in ("group", "text") if k in row.values})
    for row, family, origin in rows_of("Criteria"):
        criterion = {"key": row.get("key"), "name": row.get("name")}
        factors = row.get("factors")
        if factors is not None:
            criterion["factors"] = [f.strip() for f in str(factors).split(",") if f.strip()]
        append(row, family, origin, "criteria", criterion)
    level_index: dict[tuple, tuple[dict, int]] = {}
    for row, family, origin in rows_of("Niveaus"):
        level = {k: row.get(k) for k in SHEETS["Niveaus"][1:] if k in row.values}
        level.setdefault("grade", None)
        level["cells"] = []
        level_index[(row.get("family"), row.get("rank"))] = (level, len(family.get("levels", [])))
        append(row, family, origin, "levels", level)
    cells_seen: dict[tuple, tuple[dict, str]] = {}
    for row, family, origin in rows_of("Cellen"):
        found = level_index.get((row.get("family"), row.get("level")))
        if found is None:
            refuse(row, "level", f"geen niveau met rang {row.get('level')} in blad Niveaus")
            continue
        level, i = found
        key = (row.get("family"), row.get("level"), row.get("criterion"))
        if key not in cells_seen:
            cell = {"criterion": row.get("criterion"), "inherits": row.get("inherits"), "elements": []}
            place = f"levels[{i}].cells[{len(level['cells'])}]"
            origin[place] = (row.sheet, row.number)
            level["cells"].append(cell)
            cells_seen[key] = (cell, place)
        cell, place = cells_seen[key]
        if row.get("text") is None and row.get("group") is None:
            continue
        origin[f"{place}.elements[{len(cell['elements'])}]"] = (row.sheet, row.number)
        cell["elements"].append({k: row.get(k) for k in ("text", "group") if k in row.values})
    for row, family, origin in rows_of("Herkenning"):
        _recognition_row(row, family, origin, refuse)
    slugs = list(families)
    return [families[s] for s in slugs], [origins[s] for s in slugs]


def _recognition_row(row: Row, family: dict, origin: dict, refuse: Callable[[Row, str, str], None]) -> None:
    key, value = row.get("key"), row.get("value")
    if key in RECOGNITION_FLAGS and str(value).strip().lower() not in ("ja", "nee", "true", "false"):
        refuse(row, "value", "hier hoort ja of nee")
        return
    if key not in (*RECOGNITION_LISTS, *RECOGNITION_FLAGS, "tracks", "track-groups", "track-terms"):
        refuse(row, "key", "onbekende sleutel (domain, domain_required, functions, counterparts, other_functions, setting, setting_required, "
                           "additions, work, tracks, track-groups of track-terms)")
        return
    recognition = family.setdefault("recognition", {})
    origin.setdefault("recognition", (row.sheet, row.number))
    if key in RECOGNITION_LISTS:
        origin[f"recognition.{key}[{len(recognition.get(key, []))}]"] = (row.sheet, row.number)
        recognition.setdefault(key, []).append(value)
    elif key in RECOGNITION_FLAGS:
        recognition[key] = str(value).strip().lower() in ("ja", "true")
    elif key == "tracks":
        recognition.setdefault("tracks", [])
    else:
        tracks = recognition.setdefault("tracks", [])
        track = next((t for t in tracks if t["name"] == row.get("track")), None)
        if track is None:
            track = {"name": row.get("track"), "groups": []}
            origin[f"recognition.tracks[{len(tracks)}]"] = (row.sheet, row.number)
            tracks.append(track)
        track.setdefault(key.removeprefix("track-"), []).append(value)
