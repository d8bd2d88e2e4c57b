"""The spreadsheet speaks Dutch, an import names all its errors at once, and the format is
explained on a page of the application."""

import io
from html import unescape

import openpyxl
import pytest
import yaml
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from grading.roles import FUNCTIONAL_ADMIN
from profiles.catalogue import error_list, uploads
from profiles.catalogue.files import FamilyFileError, load_yaml
from profiles.catalogue.spreadsheet import COLUMN_NAMES, SHEETS, workbook_write
from tests.factory import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_b():
    client = Client()
    client.force_login(make_user(role=FUNCTIONAL_ADMIN, username="beheerder"))
    return client


def div_ict() -> dict:
    return load_yaml(settings.FIXTURES_DIR / "families" / "div-ict.yaml")


def upload(client, name: str, content: bytes):
    return client.post("/beheer/importeren/", {"file": SimpleUploadedFile(name, content)})


def problems(content: bytes, name: str = "functiehuis.xlsx") -> list[str]:
    with pytest.raises(error_list.FileErrors) as refused:
        uploads.upload_read(name=name, content=content)
    return [str(error) for error in refused.value.errors]


def test_the_template_names_its_columns_in_dutch(client_b):
    book = openpyxl.load_workbook(io.BytesIO(client_b.get("/beheer/sjabloon.xlsx").content))
    english = set(COLUMN_NAMES) - set(COLUMN_NAMES.values())
    for title, columns in SHEETS.items():
        header = [cell.value for cell in book[title][1]]
        assert header == [COLUMN_NAMES[key] for key in columns] and not english & set(header), title
    assert "Settings" not in book.sheetnames and "Omgevingen" in book.sheetnames
    assert [c.value for c in book["Cellen"][1]] == ["familie", "niveau", "criterium", "overerving", "groep", "tekst"]
    instructions = " ".join(str(cell.value) for row in book["Toelichting"] for cell in row if cell.value)
    assert "fixtures/README.md" not in instructions and "/help/bestandsformaat/" in instructions


def test_an_old_template_with_english_keys_still_imports():
    content = workbook_write(systems=load_yaml(settings.FIXTURES_DIR / "grading_systems.yaml"), families=[div_ict()])
    book = openpyxl.load_workbook(io.BytesIO(content))
    for title, columns in SHEETS.items():
        for cell, key in zip(book[title][1], columns):
            cell.value = key
    book["Omgevingen"].title = "Settings"
    old = io.BytesIO()
    book.save(old)
    assert uploads.upload_read(name="oud.xlsx", content=old.getvalue()) == uploads.upload_read(name="nieuw.xlsx", content=content)


def test_the_import_reports_every_error_of_a_spreadsheet_with_sheet_row_and_column(client_b):
    data = div_ict()
    cells = data["levels"][2]["cells"]
    cells[1]["criterion"] = "bestaat-niet"
    cells[0]["elements"][0]["text"] = "x" * 20_001
    data["levels"][3]["cells"][0]["elements"][1]["text"] = " "
    data["reference_functions"] = ["Medewerker", " "]
    book = openpyxl.load_workbook(io.BytesIO(workbook_write(systems=None, families=[data])))
    book["Functies"].append(["onbekend", "reference", "Archivaris"])
    content = io.BytesIO()
    book.save(content)
    response = upload(client_b, "functiehuis.xlsx", content.getvalue())
    html = unescape(response.content.decode())
    assert response.status_code == 400 and "5 fouten" in html
    found = problems(content.getvalue())
    assert len(found) == 5, found
    assert all("functiehuis.xlsx, blad " in line and ", rij " in line and ", kolom " in line for line in found), found
    assert any("blad Functies" in line and "kolom familie" in line and "onbekende familie 'onbekend'" in line for line in found)
    assert any("blad Cellen" in line and "kolom criterium" in line and "onbekend criterium" in line for line in found)
    assert sum("blad Cellen" in line and "kolom tekst" in line for line in found) == 2
    assert any("blad Functies" in line and "kolom naam" in line for line in found)
    for line in found:
        assert line.split(": ", 1)[1] in html  # every message on the page


def test_places_after_a_left_out_item_are_counted_as_in_the_file():
    data = div_ict()
    elements = data["levels"][1]["cells"][0]["elements"]
    assert len(elements) >= 4
    elements[1]["text"] = elements[3]["text"] = ""
    found = problems(yaml.safe_dump(data, allow_unicode=True).encode(), name="div-ict.yaml")
    assert [line.split(": ")[0] for line in found] == [
        "Fout in div-ict.yaml, levels[1].cells[0].elements[1].text",
        "Fout in div-ict.yaml, levels[1].cells[0].elements[3].text",
    ]


def test_a_cell_left_empty_by_a_refused_element_is_no_second_error():
    data = div_ict()
    cell = next(c for c in data["levels"][0]["cells"] if len(c.get("elements") or []) == 1)
    cell["elements"][0]["text"] = ""
    assert len(problems(yaml.safe_dump(data, allow_unicode=True).encode(), name="div-ict.yaml")) == 1


def test_at_most_fifty_errors_are_listed(client_b):
    data = div_ict()
    for level in data["levels"]:
        for cell in level["cells"]:
            for element in cell.get("elements") or []:
                element["text"] = ""
    response = upload(client_b, "div-ict.yaml", yaml.safe_dump(data, allow_unicode=True).encode())
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count("Fout in div-ict.yaml") == error_list.MAX_ERRORS and "er zijn er meer" in html
    with pytest.raises(FamilyFileError):  # still a FamilyFileError for those who show one line
        uploads.upload_read(name="div-ict.yaml", content=yaml.safe_dump(data, allow_unicode=True).encode())


def test_the_file_format_is_a_public_page_the_import_points_to(client, client_b):
    page = client.get("/help/bestandsformaat/")
    html = page.content.decode()
    assert page.status_code == 200 and html.count("<h1") == 1
    assert "overerving" in html and "Omgevingen" in html and "/beheer/sjabloon.xlsx" not in html  # no link a visitor cannot open
    assert 'href="/beheer/sjabloon.xlsx"' in client_b.get("/help/bestandsformaat/").content.decode()
    importing = client_b.get("/beheer/importeren/").content.decode()
    assert "fixtures/README.md" not in importing and 'href="/help/bestandsformaat/"' in importing
    assert 'href="/help/bestandsformaat/"' in client.get("/").content.decode()
