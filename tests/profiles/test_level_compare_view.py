import re

import pytest

from profiles.forms import DUPLICATE_LEVELS, TOO_FEW_LEVELS, TOO_MANY_LEVELS
from profiles.models import Level

pytestmark = pytest.mark.django_db


def levels(slug: str) -> list[Level]:
    return list(Level.objects.filter(family__slug=slug).order_by("rank"))


def compare(client, *ids, status=200) -> str:
    response = client.get("/vergelijk/", {"niveau": [str(i) for i in ids]})
    assert response.status_code == status
    html = response.content.decode()
    assert html.count("<h1") == 1
    return html


def row(html: str, title: str) -> list[str]:
    cells = re.search(rf'<th scope="row">{re.escape(title)}</th>(.*?)</tr>', html, re.S).group(1)
    return re.findall(r"<td>(.*?)</td>", cells, re.S)


def test_without_levels_it_offers_a_choice_of_every_level(client):
    html = compare(client)
    assert html.count('type="checkbox" name="niveau"') == Level.objects.count()
    assert "<legend>Ambtelijk secretaris</legend>" in html


def test_two_levels_of_one_family_stand_side_by_side_with_the_additions_marked(client):
    fg45, fg50 = levels("ambtelijk-secretaris")
    html = compare(client, fg45.id, fg50.id)
    lower, higher = row(html, "Uitvoerende werkzaamheden")
    assert "Organiseert verkiezingen" in lower and 'class="added"' not in lower
    assert "Organiseert verkiezingen" in higher  # the inherited text is shown whole
    assert re.search(r'class="added"><span class="tag tag-new">nieuw</span> Stelt \(beleids\)notities', higher)
    assert "niet aan elkaar gelijkgesteld" not in html


def test_the_order_of_the_ids_does_not_matter_within_a_family(client):
    fg45, fg50 = levels("ambtelijk-secretaris")
    assert row(compare(client, fg50.id, fg45.id), "Kerntaken") == row(compare(client, fg45.id, fg50.id), "Kerntaken")


def test_a_description_sentence_the_lower_level_has_is_not_marked(client):
    fg45, fg50 = levels("ambtelijk-secretaris")
    _, higher = row(compare(client, fg45.id, fg50.id), "Omschrijving")
    assert re.search(r"<li>Organiseert verkiezingen\.", higher)
    assert re.search(r'class="added"><span class="tag tag-new">nieuw</span> Adviseert de leden', higher)


def test_levels_far_apart_are_compared_with_each_other(client):
    schaal5, _, _, schaal8 = levels("div-ict")
    html = compare(client, schaal5.id, schaal8.id)
    assert "Kwaliteitenprofiel</th>" in html
    _, higher = row(html, "Kwaliteitenprofiel")
    assert "nieuw</span> Beheer IT-infrastructuur" in higher


def test_levels_of_different_families_are_listed_per_family_and_not_equated(client):
    fg50 = levels("ambtelijk-secretaris")[1]
    schaal6, schaal7 = levels("div-ict")[1:3]
    html = compare(client, fg50.id, schaal6.id, schaal7.id)
    assert "Schalen van verschillende waarderingssystemen worden niet aan elkaar gelijkgesteld" in html
    assert html.index(">Ambtelijk secretaris</a></h2>") < html.index(">Medewerker informatiebeheer / ICT / techniek</a></h2>")
    assert html.count('<table class="matrix compare') == 2
    assert '<th scope="row">Kerntaken</th>' in html and '<th scope="row">Speelruimte/kaders</th>' in html


def test_the_inconsistent_typing_is_noted_in_the_comparison(client):
    schaal5, schaal6 = levels("div-ict")[:2]
    assert "13 cijfers met een som van 30" in compare(client, schaal5.id, schaal6.id)


@pytest.mark.parametrize(
    "values, message",
    [
        (["1"], TOO_FEW_LEVELS),
        (["abc", "1"], "Het niveau „abc” bestaat niet"),
        (["1.5", "2"], "Het niveau „1.5” bestaat niet"),
        (["999999", "1"], "Het niveau „999999” bestaat niet"),
        (["", ""], TOO_FEW_LEVELS),
    ],
)
def test_bad_input_gets_a_400_with_a_dutch_message(client, values, message):
    ids = {str(level.id) for level in Level.objects.all()}
    values = [v if v != "1" else sorted(ids)[0] for v in values]
    html = compare(client, *values, status=400)
    assert message.replace("„", "&bdquo;") in html or message in html


def test_more_than_four_levels_is_a_400(client):
    ids = list(Level.objects.values_list("id", flat=True)[:5])
    assert TOO_MANY_LEVELS in compare(client, *ids, status=400)


def test_the_same_level_twice_is_a_400(client):
    fg45 = levels("ambtelijk-secretaris")[0]
    assert DUPLICATE_LEVELS in compare(client, fg45.id, fg45.id, status=400)


def test_a_refused_choice_stays_ticked(client):
    fg45 = levels("ambtelijk-secretaris")[0]
    html = compare(client, fg45.id, "abc", status=400)
    assert f'value="{fg45.id}" id="niveau-{fg45.id}" checked' in html


def test_the_comparison_uses_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    ids = [lvl.id for lvl in levels("div-ict")[:2]] + [lvl.id for lvl in levels("ambtelijk-secretaris")]
    with django_assert_max_num_queries(15):
        compare(client, *ids)
    with django_assert_max_num_queries(3):
        compare(client, ids[0], status=400)
