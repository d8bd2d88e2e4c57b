"""The report holds up in an objection: it names the legal basis apart from the engine's and the
data's versions ("Technische gegevens"), and its matrix excerpt repeats the column headers on
every page it crosses, keeps every word inside the page and leaves no page almost empty. Read
back from the rendered PDF, page by page."""

import copy
import re
import subprocess

import pytest

from grading.models import GradingSnapshot, Submission
from profiles.models import JobFamily
from tests.factory import make_submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_static")]
# Longer than any Dutch word the sources hold (the catalogue refuses words over 60 letters), so
# only breaking it keeps it inside its cell.
LONG_WORD = "Informatievoorzieningsbeleidsontwikkelingscoördinatiewerkzaamheden"
MIN_LINES = 20  # a page of the report, but the last, holds at least this many lines of text


def pages(path, tmp_path) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                                                            check=True).stdout).group(1))
    return [
        subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True,
                       text=True, check=True).stdout
        for n in range(1, count + 1)
    ]


def words_right_edges(path) -> list[tuple[float, float, str]]:
    """(page width, right edge, word) of every word pdftotext finds."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    result = []
    for page_match in re.finditer(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', html, re.S):
        width = float(page_match.group(1))
        for x_max, word in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>',
                                      page_match.group(2)):
            result.append((width, float(x_max), word))
    return result


@pytest.fixture
def report(manager, manager_client, catalogue, tmp_path):
    """The report of a role in the DIV/ICT family, whose matrix rows run over several pages, with
    a word too long for its column in the excerpt's last column."""
    submission = make_submission(author=manager, family=JobFamily.objects.get(slug="div-ict"),
                                 status=Submission.Status.SUBMITTED)
    latest = submission.latest_snapshot()
    excerpt = copy.deepcopy(latest.matrix_excerpt)
    excerpt["criteria"][0]["cells"][-1]["elements"].append(
        {"text": f"Coördineert {LONG_WORD} binnen de afdeling", "group": "", "added": True, "inherited": False}
    )
    GradingSnapshot.objects.create(
        submission=submission, text=latest.text, result=latest.result, engine_version=latest.engine_version,
        catalogue_version=latest.catalogue_version, matrix_excerpt=excerpt, created_by=manager,
    )
    path = tmp_path / "rapport.pdf"
    path.write_bytes(manager_client.get(f"/aanvragen/{submission.pk}/rapport.pdf").content)
    return path


def test_the_legal_basis_stands_apart_from_the_technical_data(report, tmp_path):
    text = " ".join(" ".join(pages(report, tmp_path)).split())
    basis = text.split("Rechtsgrond", 1)[1].split("Een indicatie is geen besluit", 1)[0]
    assert "CAO Rijk, § 6.1" in basis and "Rijk salarisschalen (BBRA)" in basis
    assert "Engineversie" not in basis and "dataversie" not in basis
    technical = text.split("Technische gegevens", 1)[1].split("Geschiedenis", 1)[0]
    assert "Engineversie" in technical and "dataversie" in technical and "Catalogus versie" in technical


def test_the_matrix_excerpt_repeats_its_headers_on_every_page(report, tmp_path):
    texts = pages(report, tmp_path)
    first = next(i for i, page in enumerate(texts) if "Uit de niveaumatrix" in page)
    after = next(i for i, page in enumerate(texts) if "Technische gegevens" in page)
    assert after > first + 1  # the excerpt crosses pages
    for number in range(first, after + 1):
        if number == after and not texts[number].split("Technische gegevens")[0].strip():
            continue  # the excerpt ended on the page before
        assert re.search(r"Criterium\s+Medewerker", texts[number]), f"page {number + 1} has no column headers"


def test_no_page_is_left_almost_empty(report, tmp_path):
    texts = pages(report, tmp_path)
    for number, page in enumerate(texts[:-1], start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert len(lines) >= MIN_LINES, f"page {number} holds {len(lines)} lines"


def test_every_word_stays_on_the_page(report):
    words = words_right_edges(report)
    assert words
    margin = 16 / 25.4 * 72  # the page's right margin, 16 mm
    outside = [(word, x_max) for width, x_max, word in words if x_max > width - margin + 1]
    assert not outside
    assert any(LONG_WORD[:12] in word for _, _, word in words)


def test_each_page_of_the_matrix_excerpt_names_the_criterion_it_continues(report, tmp_path):
    texts = pages(report, tmp_path)
    first = next(i for i, page in enumerate(texts) if "Uit de niveaumatrix" in page)
    after = next(i for i, page in enumerate(texts) if "Technische gegevens" in page)
    for number in range(first + 1, after):
        header = texts[number].splitlines()[0]
        assert re.search(r"Niveaumatrix · \w", header), f"page {number + 1}: {header!r}"
    assert all("Niveaumatrix ·" not in page for page in texts[after + 1:])
    assert "Niveaumatrix ·" not in texts[first].splitlines()[0]  # the excerpt starts below the page's top
