import pytest

from profiles.models import Cell, Element, Level

pytestmark = pytest.mark.django_db


def test_schaal_6_typing_code_is_kept_and_flagged():
    level = Level.objects.get(family__slug="div-ict", grade__code="schaal-6")
    assert level.typing_code == "322333222  22  22"
    assert (level.typing_digit_count, level.typing_digit_sum, level.typing_total) == (13, 30, 32)
    assert level.typing_is_consistent is False


@pytest.mark.parametrize("grade", ["schaal-5", "schaal-7", "schaal-8"])
def test_other_typing_codes_add_up(grade):
    level = Level.objects.get(family__slug="div-ict", grade__code=grade)
    assert level.typing_digit_count == 14
    assert level.typing_is_consistent is True


def test_a_level_without_a_code_has_no_verdict():
    assert Level.objects.get(family__slug="ambtelijk-secretaris", rank=1).typing_is_consistent is None


def test_idem_plus_stores_only_what_fg50_adds():
    cell = Cell.objects.get(level__grade__code="FG50", criterion__key="kwaliteit-en-innovatie")
    assert cell.inherits == Cell.Inherits.IDEM_PLUS
    texts = [e.text for e in cell.elements.all()]
    assert len(texts) == 1 and texts[0].startswith("Levert een bijdrage aan de ontwikkeling van nieuwe")


def test_idem_has_no_own_elements():
    cell = Cell.objects.get(level__grade__code="FG50", criterion__key="inconvenienten")
    assert cell.inherits == Cell.Inherits.IDEM
    assert not cell.elements.exists()


def test_what_distinguishes_a_level_is_a_query():
    added = Element.objects.filter(cell__level__grade__code="FG50", is_addition=True)
    texts = " ".join(added.values_list("text", flat=True))
    assert "overbruggen van tegenstellingen" in texts
    assert "Organiseert verkiezingen" not in texts  # FG 45's text, inherited


def test_a_repeated_lower_scale_bullet_is_not_an_addition():
    repeated = Element.objects.get(
        cell__level__grade__code="schaal-6", text="archiefbescheiden gecontroleerd op compleetheid en afdoening"
    )
    assert repeated.is_addition is False


def test_identical_verbetering_text_for_c_and_b_is_kept_and_not_an_addition():
    c_texts = list(Element.objects.filter(cell__level__grade__code="C", cell__criterion__key="verbetering").values_list("text", flat=True))
    b_elements = Element.objects.filter(cell__level__grade__code="B", cell__criterion__key="verbetering")
    assert [e.text for e in b_elements] == c_texts
    assert not any(e.is_addition for e in b_elements)
