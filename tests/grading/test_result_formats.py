"""The same role as pasted text, .docx and .pdf: the same sentences and the same result.

The files are built here with python-docx and WeasyPrint, as a manager's word processor would
make them: a title with the employer's name, headings, a paragraph, a bulleted task list and a
table.
"""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from weasyprint import HTML

from grading import engine
from grading.engine.reading import read
from grading.engine.structure import normal, read_structure
from grading.services.extraction import extract_text
from tests.engine.families import fixture_index

TITLE = "Medewerker documentaire informatievoorziening, Ministerie van Infrastructuur en Waterstaat"
INTRO = (
    "Als medewerker documentaire informatievoorziening zorg je ervoor dat de stukken van de directie "
    "volledig, vindbaar en op tijd in het documentmanagementsysteem staan. Je werkt in een team van "
    "acht collega's en volgt de afspraken en procedures van het team."
)
TASKS = [
    "je registreert inkomende en uitgaande post en stukken in het documentmanagementsysteem",
    "je maakt dossiers aan en beheert ze volgens het archiefbeheersplan",
    "je maakt dossiers gereed voor overdracht naar het Nationaal Archief of voor vernietiging",
    "je beantwoordt vragen van collega's over het zoeken en terugvinden van documenten",
]
ASKED = "Je hebt een mbo-opleiding op niveau 4 en enige ervaring met archiveren en documentbeheer."


def as_text() -> str:
    return "\n".join([TITLE, "", INTRO, "", "Wat ga je doen?", *[f"- {t}" for t in TASKS], "", "Wat vragen wij?", ASKED])


def as_docx() -> bytes:
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(INTRO)
    document.add_heading("Wat ga je doen?", level=2)
    for task in TASKS:
        document.add_paragraph(task, style="List Bullet")
    document.add_heading("Wat vragen wij?", level=2)
    document.add_paragraph(ASKED)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_pdf() -> bytes:
    items = "".join(f"<li>{escape(t)}</li>" for t in TASKS)
    html = (
        f"<h1>{escape(TITLE)}</h1><p>{escape(INTRO)}</p><h2>Wat ga je doen?</h2><ul>{items}</ul>"
        f"<h2>Wat vragen wij?</h2><p>{escape(ASKED)}</p>"
    )
    return HTML(string=html).write_pdf()


def extracted(name: str, data: bytes) -> str:
    return extract_text(upload=SimpleUploadedFile(name, data))


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {"txt": as_text(), "docx": extracted("rol.docx", as_docx()), "pdf": extracted("rol.pdf", as_pdf())}


def sentences(text: str) -> list[str]:
    return [normal(s.text) for s in read_structure(text).sentences]


def test_every_list_item_is_its_own_sentence(texts):
    for kind, text in texts.items():
        found = sentences(text)
        for task in TASKS:
            assert task in found, (kind, found)


def test_a_title_or_heading_is_never_part_of_a_sentence(texts):
    for kind, text in texts.items():
        for sentence in sentences(text):
            assert "Waterstaat" not in sentence and "Wat ga je doen" not in sentence, (kind, sentence)
        headings = [normal(h.text) for h in read_structure(text).headings]
        assert any("Waterstaat" in h for h in headings), (kind, headings)


def test_txt_docx_and_pdf_give_the_same_sentences(texts):
    assert sentences(texts["txt"]) == sentences(texts["docx"]) == sentences(texts["pdf"])


def test_txt_docx_and_pdf_give_the_same_result(texts):
    results = {kind: engine.grade(text, fixture_index()) for kind, text in texts.items()}
    keys = {kind: (r.family, r.grade, r.position, r.confidence) for kind, r in results.items()}
    assert keys["txt"] == keys["docx"] == keys["pdf"]
    assert keys["txt"][0] == "div-ict"


def test_the_task_list_is_used_as_evidence(texts):
    result = engine.grade(texts["txt"], fixture_index())
    evidence = {e.sentence for c in result.criteria for e in c.evidence}
    assert evidence & set(TASKS)


def test_a_pdf_paragraph_broken_over_lines_is_one_sentence():
    pdf = HTML(string=f"<p style='width: 9cm'>{escape(INTRO)}</p>").write_pdf()
    text = extracted("smal.pdf", pdf)
    assert text.count("\n") >= 3  # the page width broke the paragraph
    assert sentences(text) == sentences(INTRO)


def test_a_docx_table_with_tasks_gives_its_cells_as_units():
    document = docx.Document()
    document.add_paragraph(INTRO)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Taak", "Omschrijving"
    table.cell(1, 0).text, table.cell(1, 1).text = "Post", TASKS[0] + "."
    buffer = io.BytesIO()
    document.save(buffer)
    found = sentences(extracted("tabel.docx", buffer.getvalue()))
    assert TASKS[0] + "." in found and "Taak" not in " ".join(found)


def test_reading_keeps_offsets_into_the_original_text(texts):
    text = texts["pdf"]
    for sentence in read(text, fixture_index()).sentences:
        assert normal(text[sentence.sentence.start:sentence.sentence.end]) == sentence.sentence.text
