"""How much catalogue data may hold: what a family file, an upload or an admin edit may bring in.

Catalogue data is read by the grading engine for every role it grades, so one oversized family
would slow every later request. Lengths of columns are those of the models (`COLUMNS`, checked
against them by tests/profiles/test_catalogue_limits.py), kept here as data so that reading a
family file needs no Django; the other limits are generous (ten times and more what the four families in fixtures/ use) and are
checked before anything is stored, by `profiles.catalogue.files` and by the admin's forms.
"""

from grading.engine.text import MAX_WORD_LENGTH, TOKEN, fold

# Parsing YAML (profiles.catalogue.files.parse_yaml). The largest real family, div-ict.yaml, is 39 KB
# of 1,554 nodes nested 8 deep; the pure-Python parser spends some 40 µs on a node.
MAX_YAML_CHARS = 2_621_440  # one document: as large as an uploaded file may be (2,5 MB)
MAX_YAML_DEPTH = 20
MAX_YAML_NODES = 25_000  # about a second of parsing
MAX_INT_CHARS = 18  # a number in YAML (ranks, totals); Python refuses to read one of 4,300 digits
MAX_NUMBER = 1_000_000  # a typing total or rank; a PostgreSQL integer column ends at 2,147,483,647

# The max_length of every column of the catalogue's models that a family file fills.
COLUMNS: dict[str, dict[str, int]] = {
    "GradingSystem": {"code": 50, "name": 200},
    "Grade": {"code": 20, "name": 100, "entry_requirement": 200, "salary_period": 20, "salary_source": 300,
              "salary_source_url": 200, "salary_date": 20},
    "JobFamily": {"slug": 50, "name": 200, "jurisdiction": 50, "sector": 100, "source_file": 200,
                  "source_title": 300, "source_url": 200, "source_date": 20},
    "ContextNote": {"title": 300, "source_file": 200},
    "Section": {"kind": 30, "title": 300},
    "SectionItem": {"group": 300},
    "Criterion": {"key": 50, "name": 200},
    "Level": {"name": 300, "typing_code": 100},
    "Element": {"group": 300},
    "FamilyFunction": {"kind": 20, "name": 300},
}

# Texts. A column's max_length bounds the short ones (column_limit); free texts (TextField) and
# the terms of the recognition block and of a system's settings (kept in JSON) are bounded here.
MAX_TEXT_CHARS = 20_000  # the longest real text, a context note, has 2,419 characters
MAX_TERM_CHARS = 200  # a term or heading named in `recognition:` or `settings:` (real: 87)

# Counts, per family or per list (the most in fixtures/ in brackets).
MAX_LEVELS = 30  # (4; manage.py benchmark_import makes 8 by default)
MAX_CRITERIA = 30  # (7)
MAX_ELEMENTS_PER_CELL = 200  # (34)
MAX_ELEMENTS = 5_000  # in all cells of one family together (div-ict: 126)
MAX_SECTIONS = 100  # (7)
MAX_SECTION_ITEMS = 200  # per section (26)
MAX_CONTEXT_NOTES = 50  # (2)
MAX_FUNCTIONS = 200  # related or reference functions (8)
MAX_TERMS = 200  # in one list of `recognition:` or of a setting (18)
MAX_TRACKS = 50  # (3)
MAX_SYSTEMS = 100  # (7)
MAX_GRADES = 100  # per system (18)
MAX_SETTINGS = 50  # per system (1)

LONG_WORD = (
    "het woord '{start}…' heeft {length} letters en cijfers; een woord heeft er hoogstens {limit}"
)
TOO_LONG = "de tekst heeft {length} tekens; hier passen er hoogstens {limit}"
TOO_MANY = "{count} onderdelen; hier passen er hoogstens {limit}"


def column_limit(model: "type | str", name: str) -> int:
    """The most characters field `name` of `model` (a model or its name) may hold: its
    max_length, or MAX_TEXT_CHARS for a field without one."""
    return COLUMNS.get(model if isinstance(model, str) else model.__name__, {}).get(name, MAX_TEXT_CHARS)


def long_word(text: str) -> str | None:
    """The first token the engine would read that is longer than any word, or None.

    Tokens are found as the engine finds them (grading.engine.text), so what passes here is what
    the engine reads as words."""
    for match in TOKEN.finditer(fold(text)):
        if match.end() - match.start() > MAX_WORD_LENGTH:
            return match.group()
    return None


def dutch_number(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def text_problem(text: str, limit: int, *, words: bool = True) -> str | None:
    """Why `text` may not be stored (in Dutch, lower case), or None."""
    if len(text) > limit:
        return TOO_LONG.format(length=dutch_number(len(text)), limit=dutch_number(limit))
    word = long_word(text) if words else None
    if word:
        return LONG_WORD.format(start=word[:20], length=dutch_number(len(word)), limit=MAX_WORD_LENGTH)
    return None
