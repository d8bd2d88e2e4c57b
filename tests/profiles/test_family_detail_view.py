import re

import pytest
from django.db import connection

from profiles.models import CatalogueVersion, Level

pytestmark = pytest.mark.django_db


def page(client, slug: str) -> str:
    response = client.get(f"/profielen/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


def column(html: str, criterion: str, index: int) -> str:
    """The HTML of one cell: the matrix row of `criterion`, level column `index` (0 = lowest)."""
    row = re.search(rf'<th scope="row">{re.escape(criterion)}</th>(.*?)</tr>', html, re.S).group(1)
    return re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[index]


def test_it_shows_the_family_whole(client):
    html = page(client, "ambtelijk-secretaris")
    assert "<h1>Ambtelijk secretaris</h1>" in html
    assert "vanuit een onafhankelijke positie in de organisatie" in html  # core
    assert "ondersteuner cliëntenraden" in html  # a reference function
    assert "Functionaris gegevensbescherming" in html  # a related function
    assert "Ambtelijk secretaris van een (G)MR in het onderwijs" in html  # context note
    assert "002_ae2f5b957ef64327.txt" in html and "FWG-functiebeschrijving Ambtelijk secretaris" in html


def test_the_matrix_has_criteria_as_rows_and_levels_as_columns(client):
    html = page(client, "ambtelijk-secretaris")
    assert html.count('<th scope="col" id="niveau-') == 2
    assert '<th scope="row">Omschrijving</th>' in html
    assert html.index('<th scope="row">Omschrijving</th>') < html.index('<th scope="row">Kerntaken</th>')


def test_an_idem_plus_cell_keeps_the_inherited_text_collapsed_and_marks_the_addition(client):
    cell = column(page(client, "ambtelijk-secretaris"), "Uitvoerende werkzaamheden", 1)
    assert '<span class="tag tag-idem">Idem +</span>' in cell
    inherited = re.search(r'<details class="inherited">(.*?)</details>', cell, re.S).group(1)
    assert "Organiseert verkiezingen" in inherited and "nieuw" not in inherited
    added = re.search(r'<li class="added">(.*?)</li>', cell, re.S).group(1)
    assert '<span class="tag tag-new">nieuw</span> Stelt (beleids)notities en documentatie op' in added


def test_an_idem_cell_says_so_and_shows_the_text_below(client):
    cell = column(page(client, "ambtelijk-secretaris"), "Inconveniënten", 1)
    assert '<span class="tag tag-idem">Idem</span>' in cell and "zelfde als Ambtelijk secretaris FG 45" in cell
    assert "Psychische belasting" in cell and 'class="added"' not in cell


def test_the_lowest_level_marks_nothing_as_added(client):
    cell = column(page(client, "div-ict"), "Resultaten", 0)
    assert "archiefbescheiden" in cell and 'class="added"' not in cell


def test_a_repeated_bullet_is_not_marked_but_a_new_one_is(client):
    cell = column(page(client, "div-ict"), "Resultaten", 1)
    assert re.search(r"<li>archiefbescheiden gecontroleerd", cell)
    assert re.search(r'<li class="added"><span class="tag tag-new">nieuw</span> bijdragen aan verzamelen', cell)


def test_the_school_family_says_its_source_gives_no_scale(client):
    html = page(client, "secretariele-ondersteuning-vo")
    assert "De bron noemt geen schaal" in html
    assert html.count("geen schaal in de bron</span>") == 4


def test_a_graded_family_does_not_claim_a_missing_scale(client):
    assert "De bron noemt geen schaal" not in page(client, "div-ict")


def test_an_inconsistent_typing_code_gets_a_note_with_count_sum_and_total(client):
    html = page(client, "div-ict")
    notes = re.findall(r'<p class="typing-note">(.*?)</p>', html, re.S)
    assert len(notes) == 1
    assert "13 cijfers met een som van 30" in notes[0] and "als totaal 32" in notes[0]
    assert "322333222  22  22" in html


def test_family_wide_sections_are_on_the_page(client):
    html = page(client, "div-ict")
    for heading in ("Resultaten", "Gedragsindicatoren", "Competenties", "Kwaliteitenprofielen"):
        assert f">{heading}</h2>" in html
    assert "Kwaliteitenprofiel schaal 8</th>" in html and "Beheer IT-infrastructuur (bijvoorbeeld ITIL-methodiek)" in html
    html = page(client, "administratief-ondersteuner")
    assert ">Resultaatgebieden</h2>" in html and "<h3>Als contactpersoon</h3>" in html
    assert "Voorbeelden van taken" in html and "Definitie specialisatie" in html


def test_a_heading_bullet_holds_its_sub_bullets(client):
    html = page(client, "secretariele-ondersteuning-vo")
    assert re.search(r"Collectievorming en -beheer mediatheek:\s*<ul><li>volgt ontwikkelingen", html)


def test_each_level_links_to_the_comparison_with_its_neighbours(client):
    fg45, fg50 = Level.objects.filter(family__slug="ambtelijk-secretaris").order_by("rank")
    html = page(client, "ambtelijk-secretaris")
    link = f"/vergelijk/?niveau={fg45.id}&amp;niveau={fg50.id}"
    assert f'<a href="{link}">vergelijk met het niveau erboven' in html
    assert f'<a href="{link}">vergelijk met het niveau eronder' in html


def test_an_unknown_family_is_a_dutch_404(client):
    response = client.get("/profielen/bestaat-niet/")
    assert response.status_code == 404
    assert "<h1>Pagina niet gevonden</h1>" in response.content.decode()


@pytest.mark.parametrize("slug", ["ambtelijk-secretaris", "div-ict", "administratief-ondersteuner", "secretariele-ondersteuning-vo"])
def test_the_page_uses_a_bounded_number_of_queries(client, django_assert_max_num_queries, slug):
    with django_assert_max_num_queries(12):
        page(client, slug)


def test_the_page_is_rendered_once_per_catalogue_version(client, django_assert_max_num_queries):
    page(client, "div-ict")
    with django_assert_max_num_queries(1):  # only the catalogue version is asked
        page(client, "div-ict")


def test_a_new_catalogue_version_shows_the_change(client):
    page(client, "ambtelijk-secretaris")
    with connection.cursor() as cursor:  # a write that bypasses the ORM moves no data version
        cursor.execute("UPDATE profiles_jobfamily SET name = %s WHERE slug = %s", ["Ambtelijk secretaris (nieuw)", "ambtelijk-secretaris"])
    assert "<h1>Ambtelijk secretaris</h1>" in page(client, "ambtelijk-secretaris")  # cached
    CatalogueVersion.bump()
    assert "<h1>Ambtelijk secretaris (nieuw)</h1>" in page(client, "ambtelijk-secretaris")
