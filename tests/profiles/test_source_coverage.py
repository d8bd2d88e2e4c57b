"""Every text of the source documents is in the catalogue, at the right place.

The expected texts are extracted here *independently* from the seed files in ``shared/seeds``
(never from ``fixtures/families/*.yaml``), with a small line-based extractor per seed, and looked
up in the read-only JSON API (``/api/families/<slug>/``):

- level-bound texts (matrix cells, level descriptions, per-scale bullets, D/C/B criteria, the
  school's cumulative steps) must be inside THAT level's object; where the source says a level
  inherits ("Idem", "Idem +", the cumulative steps) the inherited texts must be inside the higher
  level's object too (the API shows inherited elements);
- family-wide texts must be somewhere in the family's JSON.

The DIV/ICT Kwaliteitenprofielen are checked per level (profile N in the level of rank N, the order
the seed README gives), which is stricter than "somewhere in the family".

Texts are compared normalised: non-breaking spaces become spaces, whitespace is collapsed, bullet
signs and a trailing ";" or ":" are dropped, case is kept. Each item must be a substring of ONE
string value of the JSON (matches never span two fields); items shorter than four characters
("OF") must equal a whole string value.

Known extraction damage (seed README) is handled in a few commented special cases; headings,
typing-code lines, web navigation and the 004 page's names/contact details are not checked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

SEED_AMBTELIJK = "002_ae2f5b957ef64327.txt"
SEED_DIV_ICT = "003_9611f90228e63539.txt"
SEED_ADMIN = "001_1f3472eb590a09f8.txt"
SEED_SCHOOL = "000_530c95fb782c7f17.txt"
SEED_GMR = "004_9f2a6d2886457107.txt"

FAMILY_LEVELS = {  # slug -> number of levels the source defines
    "ambtelijk-secretaris": 2,
    "div-ict": 4,
    "administratief-ondersteuner": 3,
    "secretariele-ondersteuning-vo": 4,
}


# --------------------------------------------------------------------------- normalisation


def norm(text: str) -> str:
    """Non-breaking spaces to spaces, whitespace collapsed, case kept."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def needle(text: str) -> str:
    """`norm`, and a trailing ";" or ":" dropped (bullets and step headings close with them)."""
    return re.sub(r"\s*[;:]$", "", norm(text)).strip()


SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z«(\"'])")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(norm(text)) if s]


def paragraphs(lines: list[str]) -> list[str]:
    """Group lines into paragraphs at blank (empty or whitespace-only) lines."""
    out, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            out.append(norm(" ".join(current)))
            current = []
    if current:
        out.append(norm(" ".join(current)))
    return out


def join_lines(parts: list[str]) -> str:
    """Join broken lines with a space; a word hyphenated at the line end ("algemeen-" +
    "inhoudelijke", the only such break in the seeds) is joined without one."""
    text = ""
    for part in (norm(p) for p in parts):
        if not part:
            continue
        if not text:
            text = part
        elif re.search(r"[a-zà-ÿ]-$", text):
            text += part
        else:
            text += " " + part
    return text


# --------------------------------------------------------------------------- items


@dataclass(frozen=True)
class Item:
    family: str
    where: str  # label for the test id: a level label or a family-wide section
    text: str  # normalised text to find
    ranks: tuple[int, ...] = ()  # empty: family-wide; else every level rank it must be in

    @property
    def level_bound(self) -> bool:
        return bool(self.ranks)


def _read(name: str) -> list[str]:
    return (SEEDS / name).read_text(encoding="utf-8").splitlines()


def _index(lines: list[str], pattern: str, start: int = 0) -> int:
    for i in range(start, len(lines)):
        if re.search(pattern, lines[i]):
            return i
    raise LookupError(f"seed line matching {pattern!r} not found")


# --------------------------------------------------------------------------- 002 ambtelijk secretaris

MATRIX_ROWS = [
    "Kerntaken",
    "Kwaliteit en innovatie",
    "Deskundigheid",
    "Uitvoerende werkzaamheden",
    "Kennisniveau",
    "Vaardigheden",
    "Inconveniënten",
]


def extract_ambtelijk() -> list[Item]:
    fam = "ambtelijk-secretaris"
    lines = _read(SEED_AMBTELIJK)
    items: list[Item] = []

    def between(start_pat: str, end_pat: str) -> str:
        a = _index(lines, start_pat)
        b = _index(lines, end_pat, a + 1)
        return norm(" ".join(lines[a + 1 : b]))

    # Kadertekst: the lists are split into their functions; the list-closing "." is not part of a name.
    related = between(r"^Gerelateerde kernfuncties:", r"^Kern van de functie:")
    for name in re.split(r"[;,]", related):
        items.append(Item(fam, "gerelateerde-kernfuncties", needle(name.strip().rstrip("."))))
    core = between(r"^Kern van de functie:", r"^Referentiefuncties:")
    items.append(Item(fam, "kern", needle(core)))
    reference = between(r"^Referentiefuncties:", r"^De functie Ambtelijk secretaris is aangetroffen")
    for name in reference.split(","):
        items.append(Item(fam, "referentiefuncties", needle(name.strip().rstrip("."))))

    # The levels "in abstracto": the paragraphs open with the grade number.
    i45 = _index(lines, r"^45 ")
    i50 = _index(lines, r"^50 ", i45)
    imatrix = _index(lines, r"Matrix met niveau-onderscheidende elementen", i50)
    for rank, label, a, b in ((1, "fg-45", i45, i50), (2, "fg-50", i50, imatrix)):
        text = re.sub(r"^(45|50) ", "", norm(" ".join(lines[a:b])))
        for sentence in sentences(text):
            items.append(Item(fam, f"{label}/in-abstracto", needle(sentence), (rank,)))

    # The matrix: blocks are separated by empty lines (columns and rows), paragraphs inside a
    # cell by whitespace-only lines. The column header repeated at the page break is dropped.
    region = [l for l in lines[imatrix + 1 :] if not re.fullmatch(r"\s*FG 45 FG 50\s*", l)]
    blocks, current = [], []
    for line in region:
        if line == "":
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)

    rows: dict[str, list[list[str]]] = {}
    row = None
    for block in blocks:
        paras = paragraphs(block)
        if not paras:
            continue
        label = next((r for r in MATRIX_ROWS if paras[0].startswith(r)), None)
        if label:
            row = label
            rows[row] = []
            paras[0] = paras[0][len(label) :].strip()
            paras = [p for p in paras if p]
            if not paras:  # "Uitvoerende werkzaamheden": the label stands alone
                continue
        rows[row].append(paras)
    # Special case: "Inconveniënten  Psychische belasting Idem" is one line holding both cells.
    if rows.get("Inconveniënten") == [["Psychische belasting Idem"]]:
        rows["Inconveniënten"] = [["Psychische belasting"], ["Idem"]]

    assert list(rows) == MATRIX_ROWS, f"matrix rows found: {list(rows)}"
    for name, cells in rows.items():
        assert len(cells) == 2, f"matrix row {name!r}: {len(cells)} cells"
        fg45, fg50 = cells
        inherits = fg50[0] in ("Idem", "Idem +")
        own50 = fg50[1:] if inherits else fg50
        key = name.lower().replace(" ", "-")
        for text in fg45:
            # "Idem"/"Idem +": FG 50 shows everything in the FG 45 cell as well.
            items.append(Item(fam, f"fg-45/{key}", needle(text), (1, 2) if inherits else (1,)))
        for text in own50:
            items.append(Item(fam, f"fg-50/{key}", needle(text), (2,)))
    return items


# --------------------------------------------------------------------------- 004 (G)MR context page


GMR_HEADINGS = {"Ambtelijk secretaris", "Waarom een ambtelijk secretaris?", "Taken bij de functie", "Profielschets"}


def extract_gmr() -> list[Item]:
    fam = "ambtelijk-secretaris"
    lines = _read(SEED_GMR)
    # From the title to the "Ambtelijk secretaris en VOO" block: before it stands the holiday notice,
    # from it on the association's offer and contact prompt, the name, newsletter/helpdesk links and
    # blog teasers — contact details and page furniture, not content.
    a = _index(lines, r"^Ambtelijk secretaris$")
    b = _index(lines, r"^Ambtelijk secretaris en VOO$", a)
    items: list[Item] = []
    for line in lines[a:b]:
        text = norm(line)
        if not text or text in GMR_HEADINGS:
            continue
        if text.startswith("•"):
            items.append(Item(fam, "context-gmr", needle(text.lstrip("• "))))
        else:
            items.extend(Item(fam, "context-gmr", needle(s)) for s in sentences(text))
    return items


# --------------------------------------------------------------------------- 003 DIV/ICT

DIV_SECTIONS = {  # scale section heading -> label
    "Algemene omschrijving": "algemene-omschrijving",
    "Resultaten": "resultaten",
    "Kennis en vaardigheden": "kennis-en-vaardigheden",
    "Contacten": "contacten",
}
SPEELRUIMTE = re.compile(r"^Speelruimte/\s*[kK]aders$")


def _div_bullets(lines: list[str]) -> list[tuple[str, str]]:
    """(kind, text) per bullet or intro line; kind is "bullet", "intro" or "heading".

    A line that starts with whitespace and carries no bullet continues the bullet before it
    ("  inventarisatie en vernietiging"); a line at column 0 is a heading or intro.
    """
    out: list[list[str]] = []
    for line in lines:
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("•"):
            out.append(["bullet", stripped.lstrip("• ")])
        elif line[0].isspace() and out and out[-1][0] == "bullet":
            # Special case (seed README): under schaal 8 Techniek, "controles en inspecties
            # uitgevoerd" lost its bullet; it is its own result, not a continuation.
            if norm(stripped) == "controles en inspecties uitgevoerd":
                out.append(["bullet", stripped])
            else:
                out[-1][1] += " " + stripped
        else:
            out.append(["heading", stripped])
    return [(kind, norm(text)) for kind, text in out]


def extract_div_ict() -> list[Item]:
    fam = "div-ict"
    lines = _read(SEED_DIV_ICT)
    items: list[Item] = []

    # Family-wide part: Resultaten, Gedragsindicatoren, Competenties, Kwaliteitenprofielen.
    end = _index(lines, r"^Functietyperingen$")
    section, profile = "resultaten", 0
    for kind, text in _div_bullets(lines[:end]):
        if kind == "heading":
            if text in ("Resultaten", "Gedragsindicatoren", "Competenties", "Kwaliteitenprofielen") and not profile:
                section = text.lower()
            if text == "Kwaliteitenprofielen":
                section = "kwaliteitenprofiel"
            if section == "kwaliteitenprofiel" and text == "Ervaring":  # each profile opens with Ervaring
                profile += 1
            continue
        # The four Kwaliteitenprofielen carry no scale heading but stand in the order of the scales
        # 5 to 8 (seed README): profile N belongs to the level of rank N.
        ranks = (profile,) if section == "kwaliteitenprofiel" else ()
        where = f"schaal-{profile + 4}/kwaliteitenprofiel" if ranks else section
        # Special case (seed README): "Verwerkt informatie op de juiste en afgesproken wijze Heeft
        # aandacht voor details" are two statements run together; each is looked up on its own.
        if text.startswith("Verwerkt informatie op de juiste") and " Heeft aandacht" in text:
            first, second = text.split(" Heeft aandacht", 1)
            items.append(Item(fam, where, needle(first), ranks))
            items.append(Item(fam, where, needle("Heeft aandacht" + second), ranks))
            continue
        items.append(Item(fam, where, needle(text), ranks))
    assert profile == 4, f"{profile} Kwaliteitenprofielen found"

    # Per scale: from one "Functietypering" heading to the next; the code line is not checked.
    starts = [i for i in range(end, len(lines)) if lines[i].strip() == "Functietypering"]
    assert len(starts) == 4, f"{len(starts)} Functietyperingen found"
    for n, a in enumerate(starts):
        b = starts[n + 1] if n + 1 < len(starts) else len(lines)
        block = lines[a + 1 : b]
        scale = int(re.search(r"^Schaal (\d)$", "\n".join(block), re.M).group(1))
        rank = scale - 4
        section, previous = None, None
        for kind, text in _div_bullets(block):
            if kind == "heading":
                if text in DIV_SECTIONS or SPEELRUIMTE.match(text):
                    section = DIV_SECTIONS.get(text, "speelruimte-kaders")
                elif (
                    section == "resultaten"
                    and previous is not None
                    and previous[0] == "heading"
                    and previous[1] != "Resultaten"
                ):
                    # An intro line under an area heading (schaal 8: "ICT werkzaamheden t.a.v. …",
                    # "specialistisch-technische voorbereidende werkzaamheden") is content.
                    items.append(Item(fam, f"schaal-{scale}/resultaten", needle(text), (rank,)))
                previous = (kind, text)
                continue
            previous = (kind, text)
            if section is None:  # the typing code and "Schaal N" come before the first section
                continue
            items.append(Item(fam, f"schaal-{scale}/{section}", needle(text), (rank,)))
    return items


# --------------------------------------------------------------------------- 001 administratief ondersteuner

ADMIN_ROWS = [
    ("Kennis",),
    ("Documenten",),
    ("Praktische", "organisatie"),
    ("Procedures",),
    ("Verbetering",),
    ("Vragen of", "klachten"),
    ("Contacten",),
]
# The columns D, C, B were flattened into paragraphs per row. Where a row has more than three
# paragraphs, this is how many each column holds (read from the source: the C and B cells of
# these rows are two parallel statements each).
ADMIN_SPLIT = {"Praktische organisatie": (1, 2, 2), "Vragen of klachten": (2, 2, 2)}
ADMIN_LEVELS = ((1, "D"), (2, "C"), (3, "B"))
ADMIN_HEADINGS = {
    "Doel",
    "Resultaatgebieden",
    "Voorbeelden van taken",
    "Als administratief ondersteuner",
    "Als praktische organisator",
    "Als contactpersoon",
    "Als gegevens- en/of documentatiebeheerder",
}


def extract_admin() -> list[Item]:
    fam = "administratief-ondersteuner"
    lines = _read(SEED_ADMIN)
    items: list[Item] = []

    # The readability note (a footnote "*" whose reference point was lost).
    a = _index(lines, r"^\* Omwille")
    note = join_lines([lines[a].lstrip("* "), *lines[a + 1 : _index(lines, r"^\s*Doel\s*$", a)]])
    items.append(Item(fam, "leesbaarheid", needle(note)))

    # Result areas: goal sentences and example tasks; a text ends at "." or ";" (the lines of an
    # unfinished one continue it). Includes the lost Doel paragraph after the second area's tasks.
    a = _index(lines, r"^Resultaatgebieden")
    b = _index(lines, r"Onderscheidende criteria", a)
    area, texts, current = "doel", [], None
    for line in lines[a:b]:
        text = norm(line)
        if not text:
            continue
        if text in ADMIN_HEADINGS:
            if text.startswith("Als "):
                area = text[4:].split()[0].lower().rstrip("-")
            current = None
            continue
        if text.startswith("•"):
            current = [area, "taak", text.lstrip("• ")]
            texts.append(current)
        elif current is not None and not re.search(r"[.;]$", current[2]):
            current[2] += " " + text
        else:
            current = [area, "doel", text]
            texts.append(current)
    for area, kind, text in texts:
        items.append(Item(fam, f"resultaatgebied-{area}/{kind}", needle(text)))

    # Onderscheidende criteria: rows of paragraphs D, C, B (checked sentence by sentence).
    a = _index(lines, r"Onderscheidende criteria")
    b = _index(lines, r"^\* Definitie", a)
    region = [l for l in lines[a + 1 : b] if norm(l) != "D C B"]
    rows: dict[str, list[str]] = {}
    i, row, current = 0, None, []

    def flush():
        if current and row:
            rows[row].append(join_lines(current))
        current.clear()

    while i < len(region):
        stripped = norm(region[i])
        label = next(
            (
                r
                for r in ADMIN_ROWS
                if [norm(x) for x in region[i : i + len(r)]] == list(r)
            ),
            None,
        )
        if label:
            flush()
            row = " ".join(label)
            rows[row] = []
            i += len(label)
            continue
        if not stripped:
            flush()
        else:
            current.append(stripped)
        i += 1
    flush()
    assert list(rows) == [" ".join(r) for r in ADMIN_ROWS], f"criteria rows found: {list(rows)}"
    for name, paras in rows.items():
        split = ADMIN_SPLIT.get(name, (1, 1, 1))
        assert sum(split) == len(paras), f"criterion {name!r}: {len(paras)} paragraphs"
        start = 0
        for (rank, grade), count in zip(ADMIN_LEVELS, split):
            for para in paras[start : start + count]:
                for sentence in sentences(para):
                    key = name.lower().replace(" ", "-")
                    items.append(Item(fam, f"{grade}/{key}", needle(sentence), (rank,)))
            start += count

    # Footnote: the definition of "specialisatie" (the term itself is its label).
    a = _index(lines, r"^\* Definitie")
    definition = join_lines(lines[a + 1 :])
    definition = re.sub(r"^specialisatie:\s*", "", definition)
    items.append(Item(fam, "definitie-specialisatie", needle(definition)))
    return items


# --------------------------------------------------------------------------- 000 school

SCHOOL_BULLET = re.compile(r"^(?:[-o](?:\s+|$))+")


def _school_bullets(lines: list[str]) -> list[list]:
    """[sign, text] per bullet; sign "-" (main) or "o" (sub). Non-bullet lines continue the bullet
    before them, also across blank lines. " -  o Onderhoudt …" (a doubled sign) is a sub-bullet."""
    out: list[list] = []
    collectie_sub = None
    for line in lines:
        stripped = norm(line)
        if not stripped:
            continue
        m = SCHOOL_BULLET.match(stripped)
        if m:
            sign = "o" if "o" in m.group(0) else "-"
            out.append([sign, stripped[m.end() :]])
            if stripped[m.end() :].startswith("volgt ontwikkelingen op het aandachtsgebied"):
                collectie_sub = out[-1]
        elif stripped.startswith("tijdschriften en andere informatiedragers") and collectie_sub:
            # Special case (seed README): the mediatheek fragments stand out of order; the lines from
            # "tijdschriften en andere informatiedragers" on continue "volgt ontwikkelingen …
            # signaleert nieuw verschenen boeken," under "Collectievorming en -beheer mediatheek".
            collectie_sub[1] = join_lines([collectie_sub[1], stripped])
            out.append(collectie_sub)  # continue it (the duplicate reference is removed below)
        elif out:
            out[-1][1] = join_lines([out[-1][1], stripped])
    unique, seen = [], set()
    for bullet in out:
        if id(bullet) not in seen:
            seen.add(id(bullet))
            unique.append(bullet)
    return [[sign, norm(text)] for sign, text in unique]


def extract_school() -> list[Item]:
    fam = "secretariele-ondersteuning-vo"
    lines = _read(SEED_SCHOOL)
    items: list[Item] = []
    heads = [i for i, l in enumerate(lines) if l.strip().startswith("Te bereiken resultaten:")]
    assert len(heads) == 3, f"{len(heads)} 'Te bereiken resultaten' sections found"
    secretarieel = lines[heads[0] + 1 : heads[1]]
    coordinerend = lines[heads[1] + 1 : heads[2]]
    mediatheek = lines[heads[2] + 1 :]

    # The four cumulative steps: each "-" bullet opens a step, its "o" bullets are that step's
    # results. The step heading must be in its own level; the results in that level and every
    # higher one (the steps build on each other). The orphan block after step 4 (" -  o Onderhoudt
    # …" and four more "o" bullets, on the next page) is read as part of step 4.
    step = 0
    for sign, text in _school_bullets(secretarieel):
        if sign == "-":
            step += 1
            items.append(Item(fam, f"stap-{step}/kop", needle(text), (step,)))
        else:
            ranks = tuple(range(step, 5))
            items.append(Item(fam, f"stap-{step}", needle(text), ranks))
    assert step == 4, f"{step} steps found"

    for where, region in (("coordinerende-werkzaamheden", coordinerend), ("mediatheek", mediatheek)):
        for _sign, text in _school_bullets(region):
            items.append(Item(fam, where, needle(text)))
    return items


# --------------------------------------------------------------------------- collection


def _slug(text: str, words: int = 6) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    tokens = re.findall(r"[A-Za-z0-9]+", ascii_text)[:words]
    return "-".join(tokens).lower() or "x"


def collect() -> list[Item]:
    if not SEEDS.is_dir():
        return []
    items = []
    for extractor in (extract_ambtelijk, extract_gmr, extract_div_ict, extract_admin, extract_school):
        items.extend(extractor())
    return [item for item in items if item.text]


ITEMS = collect()


def _ids(items: list[Item]) -> list[str]:
    ids, seen = [], {}
    for item in items:
        base = f"{item.family}/{item.where}/{_slug(item.text)}"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


LEVEL_ITEMS = [item for item in ITEMS if item.level_bound]
FAMILY_ITEMS = [item for item in ITEMS if not item.level_bound]

# Measured on the seeds as they are; a smaller count means an extractor silently stopped finding
# texts. MIN_PER_LEVEL counts the level-bound checks per level (inherited texts count in every
# level they must be in).
MIN_TOTAL = 475
MIN_ITEMS = {
    "ambtelijk-secretaris": 87,  # 002 kadertekst, in abstracto, matrix; 004 context
    "div-ict": 253,
    "administratief-ondersteuner": 66,
    "secretariele-ondersteuning-vo": 69,
}
MIN_PER_LEVEL = {
    ("ambtelijk-secretaris", 1): 31,  # FG 45
    ("ambtelijk-secretaris", 2): 33,  # FG 50
    ("div-ict", 1): 38,  # schaal 5
    ("div-ict", 2): 48,  # schaal 6
    ("div-ict", 3): 55,  # schaal 7
    ("div-ict", 4): 67,  # schaal 8
    ("administratief-ondersteuner", 1): 8,  # D
    ("administratief-ondersteuner", 2): 10,  # C
    ("administratief-ondersteuner", 3): 10,  # B
    ("secretariele-ondersteuning-vo", 1): 3,
    ("secretariele-ondersteuning-vo", 2): 12,
    ("secretariele-ondersteuning-vo", 3): 26,
    ("secretariele-ondersteuning-vo", 4): 44,
}


# --------------------------------------------------------------------------- API access

_JSON: dict[str, dict] = {}
_STRINGS: dict[tuple, list[str]] = {}


def _strings(obj) -> list[str]:
    out = []
    if isinstance(obj, str):
        out.append(norm(obj))
    elif isinstance(obj, dict):
        for value in obj.values():
            out.extend(_strings(value))
    elif isinstance(obj, list):
        for value in obj:
            out.extend(_strings(value))
    return out


@pytest.fixture
def family_json(catalogue, client):
    def get(slug: str) -> dict:
        if slug not in _JSON:
            response = client.get(f"/api/families/{slug}/")
            assert response.status_code == 200, f"/api/families/{slug}/ gave {response.status_code}"
            _JSON[slug] = response.json()
        return _JSON[slug]

    return get


def _haystack(data: dict, slug: str, rank: int | None) -> list[str]:
    key = (slug, rank)
    if key not in _STRINGS:
        if rank is None:
            _STRINGS[key] = _strings(data)
        else:
            levels = [level for level in data["levels"] if level["rank"] == rank]
            assert levels, f"{slug}: no level with rank {rank}"
            _STRINGS[key] = _strings(levels[0])
    return _STRINGS[key]


def _found(text: str, haystack: list[str]) -> bool:
    if len(text) < 4:  # "OF": a whole element, not any two letters
        return text in haystack
    return any(text in s for s in haystack)


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("item", LEVEL_ITEMS, ids=_ids(LEVEL_ITEMS))
def test_level_text_in_its_level(item: Item, family_json):
    data = family_json(item.family)
    missing = [rank for rank in item.ranks if not _found(item.text, _haystack(data, item.family, rank))]
    assert not missing, f"{item.family}: level rank(s) {missing} lack the source text {item.text!r}"


@pytest.mark.parametrize("item", FAMILY_ITEMS, ids=_ids(FAMILY_ITEMS))
def test_family_text_in_family(item: Item, family_json):
    data = family_json(item.family)
    assert _found(item.text, _haystack(data, item.family, None)), (
        f"{item.family}: the family JSON lacks the source text {item.text!r}"
    )


@pytest.mark.parametrize("slug", sorted(FAMILY_LEVELS))
def test_family_has_the_source_levels(slug: str, family_json):
    ranks = sorted(level["rank"] for level in family_json(slug)["levels"])
    assert ranks == list(range(1, FAMILY_LEVELS[slug] + 1))


def test_extractors_find_the_source_texts():
    assert SEEDS.is_dir(), f"seed directory {SEEDS} missing"
    per_family = {slug: sum(1 for item in ITEMS if item.family == slug) for slug in MIN_ITEMS}
    assert len(ITEMS) >= MIN_TOTAL, f"{len(ITEMS)} items extracted, expected at least {MIN_TOTAL}"
    for slug, minimum in MIN_ITEMS.items():
        assert per_family[slug] >= minimum, f"{slug}: {per_family[slug]} items, expected at least {minimum}"
    for (slug, rank), minimum in MIN_PER_LEVEL.items():
        count = sum(1 for item in LEVEL_ITEMS if item.family == slug and rank in item.ranks)
        assert count >= minimum, f"{slug} rank {rank}: {count} level texts, expected at least {minimum}"
