"""The stem index, without a database."""

from profiles.search import SearchIndex, make_document, query_stems, stem_matches


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
