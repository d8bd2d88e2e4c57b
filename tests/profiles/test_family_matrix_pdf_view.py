import re
import subprocess
from io import BytesIO

import pytest
from pypdf import PdfReader

from profiles.models import JobFamily

pytestmark = pytest.mark.django_db
SLUGS = ["ambtelijk-secretaris", "div-ict", "administratief-ondersteuner", "secretariele-ondersteuning-vo"]
A4_LONG, A4_SHORT = 841.89, 595.28


def pdf_text(content: bytes, tmp_path) -> str:
    """The text pdftotext reads back, in content order (`-raw`) with all white space removed:
    the matrix wraps lines inside narrow columns, so words meet only once spaces are gone."""
    path = tmp_path / "matrix.pdf"
    path.write_bytes(content)
    result = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return "".join(result.stdout.decode().split())


def squeeze(text: str) -> str:
    return "".join(text.split())


def family_texts(client, slug: str) -> list[str]:
    """Every text of a family, taken from its JSON so nothing is left out."""
    data = client.get(f"/api/families/{slug}/").json()
    texts = [data["name"], data["core"], data["source_file"], *data["related_functions"], *data["reference_functions"]]
    for note in data["context_notes"]:
        texts += [note["title"], *(line.removeprefix("- ") for line in note["text"].splitlines())]
    sections = list(data["sections"])
    for level in data["levels"]:
        texts += [level["name"], level["description"], level["requirements"]]
        texts += [element["text"] for cell in level["cells"] for element in cell["elements"]]
        sections += level["sections"]
    for section in sections:
        texts += [section["title"], section["intro"], *(item["text"] for item in section["items"])]
    return [text for text in texts if text.strip()]


@pytest.fixture(scope="module")
def pdfs(django_db_blocker, production_static):
    """The four matrices as production prints them: DEBUG off, hashed static names."""
    from django.test import Client

    with django_db_blocker.unblock():
        return {slug: Client().get(f"/profielen/{slug}/matrix.pdf") for slug in SLUGS}


def test_the_stylesheet_is_linked_by_its_hashed_production_name(production_static):
    from django.templatetags.static import static

    assert re.fullmatch(r"/?static/css/pdf\.[0-9a-f]{12}\.css", static("css/pdf.css"))


@pytest.mark.parametrize("slug", SLUGS)
def test_it_is_a_pdf_shown_inline_with_a_clean_filename(pdfs, slug):
    response = pdfs[slug]
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'inline; filename="matrix-{slug}.pdf"'


@pytest.mark.parametrize("slug", SLUGS)
def test_every_page_is_a4_landscape(pdfs, slug):
    reader = PdfReader(BytesIO(pdfs[slug].content))
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width == pytest.approx(A4_LONG, abs=1) and height == pytest.approx(A4_SHORT, abs=1)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_fonts_are_embedded(pdfs, tmp_path, slug):
    path = tmp_path / "matrix.pdf"
    path.write_bytes(pdfs[slug].content)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows) and "DejaVu-Sans" in fonts


@pytest.mark.parametrize("slug", SLUGS)
def test_every_text_of_the_family_is_in_the_pdf(client, pdfs, tmp_path, slug):
    text = pdf_text(pdfs[slug].content, tmp_path)
    missing = [t for t in family_texts(client, slug) if squeeze(t) not in text]
    assert missing == []
    assert "Pagina1van" in text


@pytest.mark.parametrize("slug", SLUGS)
def test_the_page_header_and_footer_name_the_family_the_source_and_when_it_was_made(pdfs, tmp_path, slug):
    family = JobFamily.objects.get(slug=slug)
    reader = PdfReader(BytesIO(pdfs[slug].content))
    last = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = squeeze(page.extract_text())
        assert squeeze(family.name) in text and family.source_file in text
        assert f"Pagina{number}van{last}" in text and "gemaaktop" in text and "(dataversie" in text


def test_inherited_and_added_elements_are_printed_as_on_screen(pdfs, tmp_path):
    text = pdf_text(pdfs["ambtelijk-secretaris"].content, tmp_path)
    assert squeeze("Idem + alles van Ambtelijk secretaris FG 45, plus:") in text
    inherited = text.index("Organiseertverkiezingen", text.index("Idem+"))
    added = text.index(squeeze("nieuw Stelt (beleids)notities en documentatie op"))
    assert inherited < added


def test_the_inconsistent_typing_and_the_missing_scale_are_printed(pdfs, tmp_path):
    assert squeeze("13 cijfers met een som van 30") in pdf_text(pdfs["div-ict"].content, tmp_path)
    assert "Debronnoemtgeenschaal" in pdf_text(pdfs["secretariele-ondersteuning-vo"].content, tmp_path)


def test_an_unknown_family_has_no_pdf(client):
    assert client.get("/profielen/bestaat-niet/matrix.pdf").status_code == 404


def test_the_pdf_uses_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get("/profielen/div-ict/matrix.pdf").status_code == 200


def test_the_pdf_is_made_once_per_data_version(client, monkeypatch):
    from profiles import matrix_pdf
    from profiles.models import CatalogueVersion

    renders = []
    original = matrix_pdf.render_pdf
    monkeypatch.setattr(matrix_pdf, "render_pdf", lambda *a, **k: renders.append(1) or original(*a, **k))
    first = client.get("/profielen/ambtelijk-secretaris/matrix.pdf").content
    assert client.get("/profielen/ambtelijk-secretaris/matrix.pdf").content == first and len(renders) == 1
    CatalogueVersion.bump()
    client.get("/profielen/ambtelijk-secretaris/matrix.pdf")
    assert len(renders) == 2
