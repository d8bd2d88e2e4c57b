import re

import pytest

from grading.engine.lexicon import concept_tokens, load_lexicon, tokenize
from grading.engine.text import fold, split_compound, split_sentences, stem, stems
from grading.engine.reading import read
from tests.engine.families import fixture_index


def test_folding_drops_diacritics_and_case():
    assert fold("Coördineert ÉÉN") == "coordineert een"


def test_verb_forms_meet_their_noun_and_infinitive():
    assert stem("adviseert") == stem("adviseren")
    assert stem("beheert") == stem("beheren") == stem("beheer")
    assert stem("bewaakt") == stem("bewaken")


def test_a_present_tense_verb_meets_its_infinitive():
    """From the shipped table of general Dutch verb forms (background.build_verb_forms)."""
    assert stem("levert") == stem("leveren")
    assert stem("bewaart") == stem("bewaren")
    assert stem("overlegt") == stem("overleggen")
    assert stem("geeft") == stem("geven")  # f and v, s and z alternate in the verb
    assert stem("verwijst") == stem("verwijzen")
    assert stem("selectielijst") == stem("selectielijsten")  # a list is no verb
    assert stem("vastgestelde") == stem("vastgesteld")
    assert stem("afgehandelde") == stem("afgehandeld")
    assert stem("acties") == stem("actie")
    # a noun in -t stays a noun: "markt" is not a form of "marken", "klant" of nothing
    assert stem("klant") == "klant"
    assert stem("dienst") == "dienst"


def test_a_word_that_would_stem_to_a_stopword_stays_whole():
    """"overheid" lost "-heid" to "over": every "Over de functie" put a text in a government
    setting."""
    assert stem("overheid") != stem("over")
    assert stem("eenheid") != stem("een")


def test_the_plural_of_a_loanword_in_e_meets_its_singular():
    assert stem("procedures") == stem("procedure")
    assert stem("situaties") == stem("situatie")
    assert stem("methodes") == stem("methode")
    # short words in -es are singular nouns of their own
    assert stem("adres") != stem("adre")
    assert stem("proces") == "proces"


def test_stopwords_are_dropped():
    assert stems("de medewerker van het archief") == [stem("medewerker"), stem("archief")]


def test_sentences_keep_their_offsets():
    text = "Notuleert de OR. Beheert het archief; registreert post.\n- Scant documenten"
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
    assert [s.text for s in split_sentences(text)] == [
        "Notuleert de OR.", "Beheert het archief;", "registreert post.", "Scant documenten",
    ]


def test_compounds_split_into_known_parts():
    vocabulary = frozenset(stems("archief bescheiden medezeggenschap orgaan onderneming raad"))
    assert split_compound("archiefbescheiden", vocabulary) == (stem("archief"), stem("bescheiden"))
    assert split_compound("medezeggenschapsorgaan", vocabulary) == (stem("medezeggenschap"), stem("orgaan"))
    assert split_compound("ondernemingsraad", vocabulary) == (stem("onderneming"), stem("raad"))


def test_an_unknown_word_is_not_split():
    assert split_compound("fietsenstalling", frozenset(stems("archief raad"))) == ()


def test_abbreviations_and_synonyms_are_one_concept():
    lexicon = load_lexicon()
    concepts = lambda text: concept_tokens([t.stem for t in tokenize(text)], lexicon)  # noqa: E731
    assert "~medezeggenschapsorgaan" in concepts("ondersteunt de OR")
    assert "~medezeggenschapsorgaan" in concepts("secretaris van de ondernemingsraad")
    assert "~notuleren" in concepts("zorgt voor de verslaglegging")
    assert "~documentaire-informatievoorziening" in concepts("medewerker DIV")
    assert "~documentaire-informatievoorziening" in concepts("documentaire informatievoorziening")
    assert "~digitaliseren" in concepts("je scant de stukken") and "~digitaliseren" in concepts("gedigitaliseerd")
    assert "~post" in concepts("de binnengekomen brieven")


def test_scanning_letters_is_the_sources_digitising_of_post():
    """"Je scant de binnengekomen brieven" says in other words what the DIV matrix calls
    "poststukken … gedigitaliseerd"."""
    index = fixture_index()
    reading = read("Je opent de binnengekomen brieven en scant ze voor het zaaksysteem.", index)
    family = index.families["div-ict"]
    digitised = [e.terms for e in family.elements if "gedigitaliseerd" in e.text]
    assert digitised and all("~digitaliseren" in terms for terms in digitised)
    assert {"~post", "~digitaliseren"} <= reading.sentences[0].terms


def test_offsets_survive_characters_that_fold_to_several():
    text = "ﬁnanciën en coördinatie"
    for token in tokenize(text):
        assert text[token.start : token.end].strip()


def test_the_c_stemmer_stems_every_source_word_as_the_snowball_reference():
    """PyStemmer is the fast path; the engine's stems must be the pure-Python algorithm's."""
    import snowballstemmer
    from snowballstemmer.dutch_porter_stemmer import DutchPorterStemmer

    from tests.engine.families import FIXTURES

    in_use = snowballstemmer.stemmer("dutch_porter")
    assert type(in_use).__module__ == "Stemmer"
    reference = DutchPorterStemmer()
    texts = [path.read_text(encoding="utf-8") for path in FIXTURES.glob("**/*.yaml")]
    words = {w for text in texts for w in re.findall(r"[a-z]+", fold(text))}
    assert len(words) > 1000
    assert [w for w in sorted(words) if in_use.stemWord(w) != reference.stemWord(w)] == []


def test_a_paragraph_that_ends_in_a_question_is_still_read():
    from grading.engine.structure import read_structure

    paragraph = ("Je registreert de inkomende post en scant de poststukken. Je beheert de digitale dossiers. "
                 "Herken jij jezelf in dit profiel?")
    structure = read_structure(paragraph)
    assert [s.text for s in structure.sentences][:2] == [
        "Je registreert de inkomende post en scant de poststukken.", "Je beheert de digitale dossiers."]
    assert read_structure("Wat ga je doen?\nJe registreert de post.").headings[0].text == "Wat ga je doen?"


@pytest.mark.parametrize(("text", "headings"), [
    # a title after a line or two that head the document is a title, not a sentence
    ("Vacature\nMedewerker servicepunt ICT\nJe helpt collega's met hun vragen.", ["Vacature", "Medewerker servicepunt ICT"]),
    ("Vacature\nMinisterie van Financiën\nMedewerker servicepunt ICT\nJe helpt collega's.",
     ["Vacature", "Ministerie van Financiën", "Medewerker servicepunt ICT"]),
    # after a lead-in, a short line is a task, not a title
    ("Taken:\nDossiers opbouwen in het zaaksysteem\nJe helpt collega's.", ["Taken:"]),
])
def test_a_title_may_follow_the_lines_that_head_a_document(text, headings):
    from grading.engine.structure import read_structure

    assert [heading.text for heading in read_structure(text).headings] == headings


@pytest.mark.parametrize(("text", "words"), [
    ("Je doet literatuur- en bronnenonderzoek.", ["literatuuronderzoek"]),
    ("Je stelt management- en voortgangsrapportages op.", ["managementrapportages"]),
    ("Je regelt post- of archiefbeheer.", ["postbeheer"]),
    ("Je werkt met hard- en software.", []),  # "software" is no compound: nothing to take
    ("Een streepje - en dan verder.", []),
    ("a- en bronnenonderzoek", []),  # one letter is no word cut short
])
def test_a_word_cut_short_before_en_or_of_takes_the_head_of_the_next_compound(text, words):
    from grading.engine.terms import elided_words

    assert [word for _, word in elided_words(text)] == words


def test_a_text_says_a_sources_compound_in_its_cut_short_form():
    """"literatuur- en bronnenonderzoek" does the source's "literatuuronderzoek"."""
    reading = read("Je doet literatuur- en bronnenonderzoek voor de beleidsmedewerkers.", fixture_index())
    assert stem("literatuuronderzoek") in reading.sentences[0].terms


def test_finding_words_cut_short_is_linear_in_a_text_of_hyphens(monkeypatch):
    from grading.engine import terms

    calls = []
    real = terms.ELIDED_BEFORE

    class Counting:
        def match(self, text, position):
            calls.append(1)
            return real.match(text, position)

    monkeypatch.setattr(terms, "ELIDED_BEFORE", Counting())
    text = "archief- en " * 5_000 + "archiefbeheer"
    assert terms.elided_words(text)
    assert len(calls) <= text.count("- ")


VACANCY_WITH_OFFER = """Medewerker documentaire informatievoorziening

Wat ga je doen?
Je registreert de inkomende post en beheert de digitale dossiers.

Wat bieden wij?
Een goed salaris en ruime mogelijkheden voor opleiding.

Over ons
Ons team verzorgt de post en het archief van de hele dienst.

Solliciteren
Heb je vragen? Neem contact op met de teamleider."""


def test_the_offer_and_how_to_apply_are_asides_not_the_roles_work():
    """"Vragen", "contact" and "opleiding" under "Wat bieden wij?" or "Solliciteren" say nothing
    of the role's work; what the text says of its team does."""
    from grading.engine.structure import read_structure

    structure = read_structure(VACANCY_WITH_OFFER)
    assert [s.text for s in structure.sentences] == [
        "Je registreert de inkomende post en beheert de digitale dossiers.",
        "Ons team verzorgt de post en het archief van de hele dienst.",
    ]
    assert [s.text for s in structure.asides] == [
        "Een goed salaris en ruime mogelijkheden voor opleiding.", "Heb je vragen?", "Neem contact op met de teamleider.",
    ]


@pytest.mark.parametrize("heading", ["Wat bieden wij?", "Wat wij je bieden:", "Ons aanbod", "Wat krijg je van ons?",
                                     "Arbeidsvoorwaarden", "Solliciteren", "Meer informatie?"])
def test_a_heading_of_the_offer_or_the_application_opens_an_aside(heading):
    from grading.engine.structure import read_structure

    structure = read_structure(f"Je registreert de post en scant de stukken.\n\n{heading}\nEen goed salaris en een opleiding.")
    assert [s.text for s in structure.asides] == ["Een goed salaris en een opleiding."]


@pytest.mark.parametrize("heading", ["Contacten", "Wat ga je doen?", "Over ons", "Procedures en werkinstructies",
                                     "welke adviesaanvragen liggen er, en wanneer moet de raad reageren?"])
def test_a_heading_of_the_work_or_the_team_opens_no_aside(heading):
    from grading.engine.structure import read_structure

    structure = read_structure(f"Je registreert de post en scant de stukken.\n\n{heading}\nJe helpt collega's met het archief.")
    assert structure.asides == ()
