"""The search index: reading Dutch without a database, then the examples on the catalogue."""

import re

import pytest

from grading.engine.text import fold, stem
from profiles.search import (
    SearchIndex, compound_parts, make_document, query_stems, root, root_matches, stem_matches,
)
from profiles.selectors import recognition_terms


def index(*texts: tuple[int, int | None, str]) -> SearchIndex:
    return SearchIndex([make_document(family_id=f, level_id=lvl, label="Tekst", text=t) for f, lvl, t in texts])


def test_a_word_matches_its_own_plural_and_a_compound_it_starts():
    (klacht,) = query_stems("klacht")
    assert stem_matches(klacht, query_stems("klachten")[0])
    assert stem_matches(klacht, query_stems("klachtenregeling")[0])


def test_an_infinitive_matches_its_noun():
    assert stem_matches(query_stems("notuleren")[0], query_stems("notulen")[0])


def test_a_compound_is_found_by_its_last_part():
    assert stem_matches(query_stems("bescheiden")[0], query_stems("archiefbescheiden")[0])


def test_short_words_only_match_exactly():
    assert not stem_matches(query_stems("post")[0][:3], "postbus")


def test_stop_words_are_ignored_unless_nothing_else_is_asked():
    assert query_stems("vragen en klachten") == query_stems("vragen klachten")
    assert query_stems("en") == ["en"]


def test_every_word_must_occur_in_the_family_and_a_level_needs_them_all():
    found = index((1, 10, "vragen behandeld"), (1, 11, "klachten behandeld"), (2, 20, "vragen en klachten"))
    hits = found.search("vragen klachten")
    assert set(hits) == {1, 2}
    assert [h.level_id for h in hits[1].levels] == []
    assert [h.level_id for h in hits[2].levels] == [20]


def test_the_snippet_marks_every_match_and_escapes_the_rest():
    hits = index((1, None, "<b> Vragen of klachten & klacht")).search("klacht")
    assert str(hits[1].snippet.html) == "&lt;b&gt; Vragen of <mark>klachten</mark> &amp; <mark>klacht</mark>"


def test_a_long_text_is_cut_around_the_first_match():
    text = "begin " + "woord " * 40 + "klachten " + "woord " * 40 + "einde"
    html = str(index((1, None, text)).search("klachten")[1].snippet.html)
    assert html.startswith("…") and html.endswith("…") and "<mark>klachten</mark>" in html
    assert len(html) < 260


def test_diacritics_do_not_matter():
    assert 1 in index((1, None, "Inconveniënten")).search("inconvenienten")


def test_a_query_of_punctuation_finds_nothing():
    assert index((1, None, "tekst")).search("!!! ???") == {}


# Reading Dutch as the engine does: participles, word families, compounds.


def test_a_verb_its_participle_and_its_noun_share_a_root():
    assert root("registreren") == root("geregistreerd") == root("registratie") == root("registreert")
    assert root("coordineren") == root("coordinatie") == root("coordinator")


def test_the_aris_words_share_a_root():
    forms = ["secretaris", "secretarissen", "secretaresse", "secretariaat", "secretarieel", "secretariële"]
    assert len({root(fold(w)) for w in forms}) == 1


def test_a_short_verb_and_its_participle_share_a_root():
    assert root("scannen") == root("gescand") == root("scan")


def test_a_root_does_not_join_words_of_another_family():
    assert not root_matches(root("informatie"), root("informeel"))
    assert root_matches(root("informatie"), root("informeren"))
    assert root("beheren") == stem("beheren")  # "beh" would join far too much


def test_a_compound_query_is_split_into_words():
    assert compound_parts("postregistratie") == ("post", "registratie")
    assert compound_parts("beleidsmedewerker") == ("beleid", "medewerker")
    assert compound_parts("notuleren") == ()  # a verb and its ending, not two words


def test_a_participle_in_the_text_is_found_by_the_verb_and_the_noun():
    found = index((1, 10, "Inkomende stukken worden geregistreerd"), (2, 20, "Stukken worden gelezen"))
    assert set(found.search("registratie")) == set(found.search("registreren")) == {1}
    assert str(found.search("registratie")[1].levels[0].snippet.html).endswith("<mark>geregistreerd</mark>")


def test_a_word_family_is_found_inside_a_compound():
    found = index((1, None, "Werkt op het directiesecretariaat"), (2, None, "Werkt op de directie"))
    assert set(found.search("secretaresse")) == {1}


def test_a_compound_query_finds_a_text_that_holds_all_its_parts():
    found = index(
        (1, 10, "inkomende en uitgaande poststukken geregistreerd"),
        (2, 20, "verwerkt de post"),
        (2, 21, "registratie van verzuim"),  # the parts in two texts is not a postregistratie
    )
    hits = found.search("postregistratie")
    assert set(hits) == {1}
    assert str(hits[1].levels[0].snippet.html) == (
        "inkomende en uitgaande <mark>poststukken</mark> <mark>geregistreerd</mark>"
    )


def test_the_word_itself_is_marked_before_its_parts():
    found = index((1, None, "postkamer, postregistratie, postverwerking"), (1, None, "post registreren"))
    assert str(found.search("postregistratie")[1].snippet.html) == (
        "postkamer, <mark>postregistratie</mark>, postverwerking"
    )


def test_a_family_s_recognition_terms_are_searchable_keywords():
    recognition = {
        "domain": ["bibliotheek"], "functions": ["DIV-medewerker"], "setting": ["gemeente"],
        "tracks": [{"name": "Informatiebeheer", "groups": ["x"], "terms": ["scannen", "bibliotheek"]}],
    }
    assert recognition_terms(recognition) == ["bibliotheek", "DIV-medewerker", "scannen"]
    assert recognition_terms(None) == []


# The examples on the catalogue, through the family list (the same on SQLite and PostgreSQL).


def listed(client, query: str) -> tuple[list[str], str]:
    html = client.get("/profielen/", {"zoek": query}).content.decode()
    return re.findall(r'<h3><a href="/profielen/([a-z0-9-]+)/">', html), html


@pytest.mark.django_db
def test_postregistratie_finds_div_and_the_levels_that_register_post(client):
    slugs, html = listed(client, "postregistratie")
    assert slugs == ["div-ict"]
    assert "Gevonden in 3 niveaus" in html
    assert "<mark>poststukken</mark> en documenten <mark>geregistreerd</mark>" in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["scannen", "gescand", "scan"])
def test_scanning_finds_div_by_its_keywords(client, query):
    slugs, html = listed(client, query)
    assert slugs == ["div-ict"]
    assert "Trefwoorden:</span>" in html and "<mark>scannen</mark>" in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["secretaresse", "secretariaat", "secretarieel"])
def test_the_secretarial_words_find_the_secretarial_families(client, query):
    slugs, html = listed(client, query)
    assert "secretariele-ondersteuning-vo" in slugs and "administratief-ondersteuner" in slugs
    assert "div-ict" not in slugs


@pytest.mark.django_db
def test_secretaresse_marks_the_secretarial_words_in_the_texts(client):
    _, html = listed(client, "secretaresse")
    assert "<mark>directiesecretariaat</mark>" in html
    assert "de <mark>secretariële</mark> ondersteuning" in html


@pytest.mark.django_db
def test_registering_finds_registration_and_registered(client):
    slugs, html = listed(client, "registreren")
    assert slugs == ["div-ict", "secretariele-ondersteuning-vo"]
    assert "<mark>geregistreerd</mark>" in html and "de <mark>registratie</mark>" in html


def test_keywords_find_a_family_but_its_texts_show_why():
    def keyed(*texts, keywords):
        documents = [make_document(family_id=1, level_id=lvl, label="Tekst", text=t) for lvl, t in texts]
        documents.append(make_document(family_id=1, level_id=None, label="Trefwoorden", text=keywords, keywords=True))
        return SearchIndex(documents)

    hits = keyed((10, "maakt notulen"), keywords="notuleren, agenda").search("notuleren")
    assert hits[1].snippet is None and [h.level_id for h in hits[1].levels] == [10]
    hits = keyed((10, "maakt verslagen"), keywords="notuleren, agenda").search("notuleren")
    assert hits[1].snippet.label == "Trefwoorden" and hits[1].levels == []


def test_one_long_word_in_a_query_costs_work_linear_in_its_length(monkeypatch):
    """A query word up to the query's length limit is read, but never stemmed letter by letter:
    counted in characters the search stems, for words of 100 and 199 letters."""
    from grading.engine import text
    from profiles import search

    catalogue_index = index((1, None, "Notuleert de vergaderingen en beheert het archief."))
    stemmed = []
    real_stem = text._stem
    monkeypatch.setattr(text, "_stem", lambda word: stemmed.append(word) or real_stem(word))
    search._root.cache_clear()
    search.compound_parts.cache_clear()
    for length in (100, 199):
        stemmed.clear()
        assert catalogue_index.search("zk" + "ae" * (length // 2)) == {}
        assert sum(map(len, stemmed)) <= 4 * length
