import re

import pytest

from profiles.models import Level

pytestmark = pytest.mark.django_db
LIST = "/profielen/"


def family_slugs(response) -> list[str]:
    return re.findall(r'<h3><a href="/profielen/([a-z0-9-]+)/">', response.content.decode())


def test_it_lists_every_family_with_its_system_and_levels(client):
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert sorted(family_slugs(response)) == [
        "administratief-ondersteuner", "ambtelijk-secretaris", "div-ict", "secretariele-ondersteuning-vo",
    ]
    assert "FWG functiegroepen" in html and "FG 45, FG 50" in html
    assert "geen (de bron noemt geen schaal)" in html


@pytest.mark.parametrize(
    "query, slugs",
    [
        ("systeem=rijk", ["div-ict"]),
        ("land=Belgi%C3%AB", ["administratief-ondersteuner"]),
        ("sector=Zorg", ["ambtelijk-secretaris"]),
        ("schaal=FG50", ["ambtelijk-secretaris"]),
        ("schaal=schaal-7", ["div-ict"]),
        ("met_schaal=nee", ["secretariele-ondersteuning-vo"]),
        ("met_schaal=ja&systeem=federaal", ["administratief-ondersteuner"]),
    ],
)
def test_each_filter_narrows_the_list(client, query, slugs):
    assert family_slugs(client.get(f"{LIST}?{query}")) == slugs


def test_an_unknown_filter_value_shows_a_dutch_error_not_a_crash(client):
    response = client.get(f"{LIST}?systeem=bestaat-niet&schaal=XX")
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert family_slugs(response) == []


@pytest.mark.parametrize(
    "query, message",
    [
        ("bcd" + "a" * 4_055, "hoogstens 200 tekens"),
        (" ".join(["archief"] * 201), "hoogstens 200 tekens"),
        ("archief notulen post scannen klachten secretaris raad rooster dossier", "hoogstens 8 woorden"),
    ],
)
def test_a_query_too_long_or_too_wide_is_refused_before_it_is_read(client, monkeypatch, query, message):
    from profiles import search

    def never(*args):
        raise AssertionError("the query was read")

    monkeypatch.setattr(search, "stem", never)
    response = client.get(LIST, {"zoek": query})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and 'aria-invalid="true"' in html and 'id="zoek-fout"' in html
    assert "Niet gezocht" in html and family_slugs(response) == []


def test_a_query_of_eight_words_among_stop_words_is_searched(client):
    response = client.get(LIST, {"zoek": "het archief van de notulen en de post voor het scannen"})
    assert response.status_code == 200


def test_searching_notuleren_finds_the_ambtelijk_secretaris_and_the_school_minutes(client):
    response = client.get(f"{LIST}?zoek=notuleren")
    html = response.content.decode()
    assert family_slugs(response) == ["ambtelijk-secretaris", "secretariele-ondersteuning-vo"]
    assert "<mark>notuleren</mark> vergaderingen" in html  # the word itself, in the context note
    assert "gedetailleerde <mark>notulen</mark>" in html  # its stem, in the school family's level 3


def test_searching_archiefbescheiden_finds_each_div_ict_level(client):
    response = client.get(f"{LIST}?zoek=archiefbescheiden")
    html = response.content.decode()
    assert family_slugs(response) == ["div-ict"]
    for scale in (5, 6, 7):  # schaal 8 words it differently
        assert f"Medewerker informatiebeheer/ICT/techniek schaal {scale}</a>" in html
    assert "<mark>archiefbescheiden</mark> gecontroleerd op compleetheid" in html
    assert "Gevonden in 3 niveaus" in html


def test_searching_klachten_finds_families_and_their_levels_with_the_match_marked(client):
    response = client.get(f"{LIST}?zoek=klachten")
    html = response.content.decode()
    assert family_slugs(response) == ["administratief-ondersteuner", "div-ict"]
    assert "Gevonden in 3 niveaus" in html and "Gevonden in 4 niveaus" in html
    assert "vragen of <mark>klachten</mark>" in html


def test_search_finds_another_form_of_the_word(client):
    html = client.get(f"{LIST}?zoek=klacht").content.decode()
    assert "<mark>klachten</mark>" in html


def test_search_links_a_level_hit_to_its_column_in_the_matrix(client):
    level = Level.objects.get(family__slug="div-ict", rank=2)
    html = client.get(f"{LIST}?zoek=archiefbescheiden").content.decode()
    assert f'href="/profielen/div-ict/#niveau-{level.rank}"' in html


def test_search_and_filters_combine(client):
    assert family_slugs(client.get(f"{LIST}?zoek=klachten&land=Nederland")) == ["div-ict"]


def test_a_search_that_finds_nothing_says_so(client):
    html = client.get(f"{LIST}?zoek=ruimtevaart").content.decode()
    assert "Geen functiefamilies gevonden" in html


def test_search_text_is_escaped(client):
    html = client.get(LIST, {"zoek": "<script>klachten</script>"}).content.decode()
    assert "<script>klachten" not in html and "&lt;script&gt;" in html


def test_the_list_uses_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    client.get(f"{LIST}?zoek=klachten")  # builds the search index once
    with django_assert_max_num_queries(10):
        client.get(f"{LIST}?zoek=klachten&systeem=rijk&schaal=schaal-5&met_schaal=ja&sector=Rijksoverheid")
