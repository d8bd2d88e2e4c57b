import re

import pytest

from profiles.forms import DUPLICATE_LEVELS, TOO_FEW_LEVELS, TOO_MANY_LEVELS
from profiles.models import Level
from profiles.tables import criterion_aspect

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
    assert html.count('<table class="matrix compare') == 3  # side by side, then each family's own
    assert '<th scope="row">Kerntaken</th>' in html and '<th scope="row">Resultaten</th>' in html


def aligned(html: str) -> str:
    return re.search(r'<table class="matrix compare compare-across.*?</table>', html, re.S).group(0)


def aligned_row(html: str, title: str) -> list[str]:
    cells = re.search(rf'<th scope="row">{re.escape(title)}</th>(.*?)</tr>', aligned(html), re.S).group(1)
    return re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)


def test_levels_of_different_families_stand_side_by_side_in_one_table(client):
    fg50 = levels("ambtelijk-secretaris")[1]
    schaal6, schaal7 = levels("div-ict")[1:3]
    niveau_b = levels("administratief-ondersteuner")[2]
    table = aligned(compare(client, fg50.id, schaal6.id, schaal7.id, niveau_b.id))
    assert "<caption>" in table
    headings = re.findall(r'<th scope="colgroup" colspan="(\d)"[^>]*><a href="/profielen/([a-z-]+)/">', table)
    assert headings == [("1", "ambtelijk-secretaris"), ("2", "div-ict"), ("1", "administratief-ondersteuner")]
    assert table.count('<th scope="col"') == 1 + 4  # "Onderdeel" and one per level
    rows = re.findall(r'<th scope="row">([^<]+)</th>', table)
    assert rows == ["Omschrijving", "Kennis, opleiding en ervaring", "Zelfstandigheid", "Contacten"]


def test_an_aligned_row_names_the_source_criterion_and_says_when_a_family_has_none(client):
    fg50 = levels("ambtelijk-secretaris")[1]
    schaal6 = levels("div-ict")[1]
    niveau_b = levels("administratief-ondersteuner")[2]
    html = compare(client, fg50.id, schaal6.id, niveau_b.id)
    secretary, div, belgian = aligned_row(html, "Zelfstandigheid")
    assert "Geen criterium hiervoor in de bron" in secretary and "Geen criterium hiervoor in de bron" in belgian
    assert '<p class="source-criterion">Speelruimte/kaders</p>' in div
    secretary, div, belgian = aligned_row(html, "Kennis, opleiding en ervaring")
    assert "Kennisniveau</p>" in secretary and "Kennis op hbo-niveau" in secretary
    assert "Kennis en vaardigheden</p>" in div
    assert "Toelatingseis van de schaal</p>" in belgian and "bachelordiploma" in belgian
    secretary, div, belgian = aligned_row(html, "Contacten")
    assert "Contacten</p>" in div and "Contacten</p>" in belgian
    assert "Geen omschrijving in de bron" in aligned_row(html, "Omschrijving")[2]


def test_what_a_level_adds_is_marked_only_against_its_own_family(client):
    fg50 = levels("ambtelijk-secretaris")[1]
    schaal6, schaal7 = levels("div-ict")[1:3]
    secretary, lower, higher = aligned_row(compare(client, fg50.id, schaal6.id, schaal7.id), "Zelfstandigheid")
    assert 'class="added"' not in lower and 'class="added"' in higher
    html = compare(client, schaal6.id, fg50.id, schaal7.id)  # the families keep the order of their first level
    lower, higher, secretary = aligned_row(html, "Kennis, opleiding en ervaring")
    assert 'class="added"' in higher and 'class="added"' not in secretary  # a family's first column


def test_the_criteria_shown_side_by_side_are_not_repeated_below(client):
    fg50 = levels("ambtelijk-secretaris")[1]
    schaal6 = levels("div-ict")[1]
    html = compare(client, fg50.id, schaal6.id)
    below = html[html.index("Eigen criteria: "):]
    assert "Eigen criteria: <a" in html and "De overige criteria van Ambtelijk secretaris" in below
    for own in ("Kerntaken", "Vaardigheden", "Resultaten", "Kwaliteitenprofiel"):
        assert f'<th scope="row">{own}</th>' in below
    for shared in ("Omschrijving", "Kennisniveau", "Speelruimte/kaders", "Contacten"):
        assert f'<th scope="row">{shared}</th>' not in below


def test_one_family_keeps_its_own_table_without_an_aligned_one(client):
    fg45, fg50 = levels("ambtelijk-secretaris")
    html = compare(client, fg45.id, fg50.id)
    assert "compare-across" not in html and "Eigen criteria" not in html
    assert '<th scope="row">Kennisniveau</th>' in html


@pytest.mark.parametrize(
    "name, aspect",
    [
        ("Kennis", "Kennis, opleiding en ervaring"),
        ("Kennisniveau", "Kennis, opleiding en ervaring"),
        ("Kennis en vaardigheden", "Kennis, opleiding en ervaring"),
        ("Speelruimte/kaders", "Zelfstandigheid"),
        ("Zelfstandigheid", "Zelfstandigheid"),
        ("Contacten", "Contacten"),
        ("Vaardigheden", None),
        ("Procedures", None),  # may be about autonomy, but its name does not say so
        ("Kerntaken", None),
    ],
)
def test_a_criterion_is_aligned_by_its_name_only(name, aspect):
    assert criterion_aspect(name) == aspect


def test_the_comparison_works_without_javascript(client):
    fg50 = levels("ambtelijk-secretaris")[1]
    schaal6 = levels("div-ict")[1]
    assert "<script" not in compare(client, fg50.id, schaal6.id)


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
