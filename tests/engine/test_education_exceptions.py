"""The diploma a role requires: a diploma named where the text opens the role to others by
exception ("maar ook voor wie een lager diploma heeft") is not the requirement, when the text
names another. Texts written here."""

import pytest

from grading.engine.reading import read
from tests.engine.families import fixture_index

REQUIRED = "Je hebt een bachelordiploma."
WITH_EXCEPTION = (
    "Je hebt een bachelordiploma. De functie staat via bevordering ook open voor wie een diploma hoger "
    "secundair onderwijs heeft."
)


def education_of(text: str) -> str:
    reading = read("Je beheert de dossiers van de dienst en beantwoordt vragen van burgers. " + text, fixture_index())
    return reading.education_signal.text if reading.education_signal else ""


def test_a_diploma_in_an_exception_clause_is_not_the_requirement():
    assert education_of(WITH_EXCEPTION) == "bachelordiploma"


def test_without_the_exception_the_lowest_diploma_named_is():
    assert education_of(WITH_EXCEPTION.replace("ook open voor wie", "bedoeld voor wie")) == "hoger secundair"


def test_a_diploma_named_only_in_an_exception_clause_still_counts():
    only = "De functie staat ook open voor wie een diploma hoger secundair onderwijs heeft."
    assert education_of(only) == "hoger secundair"


def test_an_exception_does_not_reach_into_the_next_sentence():
    text = "De functie staat ook open voor wie ervaring heeft. Je hebt een diploma hoger secundair onderwijs. " + REQUIRED
    assert education_of(text) == "hoger secundair"



# A school type or a university names where the role works as often as the diploma it asks.
@pytest.mark.parametrize("text, asked", [
    ("Onze school voor vmbo, havo en vwo zoekt een collega. Je hebt een mbo-4-diploma.", "mbo-4"),
    ("Het Universitair Medisch Centrum zoekt een collega met ervaring.", ""),
    ("Onze school voor vmbo, havo en vwo zoekt een collega met ervaring.", ""),
    ("Je werkt op een school voor havo en vwo.", ""),
    ("Je hebt een havo-diploma.", "havo"),
    ("Gevraagd diploma: hoger secundair onderwijs.", "hoger secundair"),
    ("Je werkt op academisch niveau.", "academisch"),
    ("Je hebt een mbo-4-diploma of een hbo-diploma.", "mbo-4"),
])
def test_a_school_type_or_a_university_is_the_diploma_only_where_the_text_asks_it(text, asked):
    assert education_of(text) == asked
