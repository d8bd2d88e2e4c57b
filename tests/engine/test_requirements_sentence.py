"""The sentence that states the diploma a role asks states requirements: the family's work it
names there ("ervaring met de front office") is the candidate's background, not work the role
shows. Texts written here: the same words as experience asked and as a task."""

from grading.engine.fit import family_fit
from grading.engine.reading import read
from tests.engine.families import fixture_index

OPENING = (
    "Onze school voor havo en vwo zoekt een medewerker voor de receptie.\n"
    "Je ontvangt bezoekers en ouders en neemt de telefoon aan.\n"
)
AS_EXPERIENCE = OPENING + (
    "Je hebt een mbo-4-diploma en ervaring met een front office, waar je signaleert en rappelleert bij de afhandeling van zaken.\n"
)
AS_TASK = OPENING + (
    "In de front office signaleer en rappelleer je bij de afhandeling van zaken.\n"
    "Je hebt een mbo-4-diploma.\n"
)


def _work_shown(text: str) -> int:
    index = fixture_index()
    family = index.families["secretariele-ondersteuning-vo"]
    return family_fit(family, read(text, index), index).work_shown


def test_the_familys_work_named_beside_the_diploma_is_background():
    assert _work_shown(AS_TASK) >= 1
    assert _work_shown(AS_EXPERIENCE) == 0
