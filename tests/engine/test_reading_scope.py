"""Negation and scope, language, and texts too thin to judge: written for these tests."""

import pytest

from grading import engine
from grading.engine.language import detect
from grading.engine.reading import read
from grading.engine.result import Position, Reason
from tests.engine.families import fixture_index

ROLE = (
    "Als medewerker documentaire informatievoorziening registreer je inkomende post in het "
    "documentmanagementsysteem. Je maakt dossiers aan en houdt ze volledig. Je beantwoordt vragen van "
    "collega's over het terugvinden van stukken. Je werkt volgens de vaste procedures van de afdeling. "
    "Je hebt een mbo-opleiding op niveau 3 en enige ervaring met archiveren."
)


def sentence_terms(text: str) -> list[frozenset[str]]:
    return [s.terms for s in read(text, fixture_index()).sentences]


def advice_terms(text: str) -> set[str]:
    return set().union(*sentence_terms(text)) & {"~adviseren", "~coordineren", "~applicatiebeheer"}


def test_a_denied_task_is_no_evidence_for_it():
    assert advice_terms("Je geeft geen advies, hebt geen coördinerende taken en beheert geen applicaties.") == set()
    assert advice_terms("Je geeft advies, hebt coördinerende taken en beheert applicaties.") == {
        "~adviseren", "~coordineren", "~applicatiebeheer",
    }


def test_niet_hoeft_niet_and_behoort_niet_tot_deny_their_clause():
    assert advice_terms("Je adviseert de directie niet over de inrichting.") == set()
    assert advice_terms("Je hoeft niet te adviseren over de inrichting van het archief.") == set()
    assert advice_terms("Het coördineren van de werkzaamheden behoort niet tot de functie.") == set()


def test_a_task_handed_to_another_team_is_no_evidence():
    assert advice_terms("Het applicatiebeheer doet het team ICT-beheer.") == set()
    assert advice_terms("Het applicatiebeheer wordt gedaan door de afdeling ICT.") == set()


def test_a_task_a_supplier_does_for_the_organisation_is_no_evidence():
    assert advice_terms("Je bewaakt de afspraken met de leverancier, die het applicatiebeheer voor ons verzorgt.") == set()
    assert advice_terms("Het applicatiebeheer is uitbesteed aan een externe partij.") == set()
    assert advice_terms("Je bewaakt de afspraken met de leverancier en je verzorgt het applicatiebeheer.") == {
        "~applicatiebeheer",
    }


def test_a_hand_off_covers_all_that_its_relative_clause_lists():
    handed = "Je spreekt de leverancier die het netwerk, de werkplekken en het applicatiebeheer voor ons verzorgt."
    assert advice_terms(handed) == set()
    assert not {"netwerk", "werkplek"} & set().union(*sentence_terms(handed))
    # a list the role does itself, beside a supplier's hand-off, is still its work
    own = "Je beheert het netwerk, de werkplekken en het applicatiebeheer, en je spreekt de leverancier."
    assert advice_terms(own) == {"~applicatiebeheer"}


def test_a_phrase_that_only_looks_like_a_denial_is_still_evidence():
    assert "~adviseren" in advice_terms("Je ondersteunt niet alleen de raad, maar adviseert ook de voorzitter.")
    assert "~adviseren" in advice_terms("Je adviseert de voorzitter, niet zonder overleg met de griffie.")
    terms = set().union(*sentence_terms("Je coördineert zonder toezicht de planning van de vergaderingen."))
    assert "~coordineren" in terms


def test_a_denied_clause_leaves_the_rest_of_the_sentence():
    terms = set().union(*sentence_terms("Je registreert de post, maar je geeft geen advies."))
    assert "post" in terms or "~post" in terms
    assert "~adviseren" not in terms


def test_reporting_to_a_manager_is_not_managing():
    terms = set().union(*sentence_terms("Je stuurt signalen over achterstanden naar de leidinggevende."))
    assert not {t for t in terms if t.startswith("leiding")}
    reading = read("Je stuurt signalen naar je leidinggevende en bespreekt ze met je leidinggevende.", fixture_index())
    assert reading.above_signals == ()


def test_an_employer_name_is_context_not_evidence():
    reading = read("Je werkt bij het Ministerie van Infrastructuur en Waterstaat aan het archief.", fixture_index())
    terms = set().union(*(s.terms for s in reading.sentences))
    assert not {t for t in terms if t.startswith(("infrastructur", "waterstat"))}
    assert "ministerie" in {t.word for t in reading.tokens}  # the kind of employer stays


def test_a_keyword_list_gets_a_message_not_a_level():
    for text in ("Adviseert. Deskundige. Medezeggenschap. Hbo. Notuleert. Zelfstandig. Agenda. Archief. Or.",
                 "Ambtelijk secretaris van de ondernemingsraad met hbo-niveau"):
        result = engine.grade(text, fixture_index())
        assert (result.position, result.reason, result.grade, result.level_rank) == (
            Position.NO_MATCH, Reason.TOO_LITTLE_TEXT, None, None,
        )
        assert "volledige zinnen" in result.explanation


def test_a_keyword_list_within_a_chosen_family_names_it_without_a_level():
    result = engine.grade("Adviseert. Notuleert. Hbo.", fixture_index(), family="ambtelijk-secretaris")
    assert (result.family, result.level_rank, result.reason) == ("ambtelijk-secretaris", None, Reason.TOO_LITTLE_TEXT)


SHORT_TASK_LIST = """Taken:
- inkomende post registreren in het DMS
- documenten scannen en indexeren
- digitale dossiers beheren
- archiefbescheiden selecteren voor vernietiging
- vragen van medewerkers over archivering beantwoorden
Profiel:
- mbo-4 diploma
- kennis van de Archiefwet"""


def test_a_task_list_of_short_items_is_read_as_work_not_as_keywords():
    """A list item of three words ("digitale dossiers beheren") is a task, as the too-little
    message itself invites: "of met een takenlijst"."""
    result = engine.grade(SHORT_TASK_LIST, fixture_index())
    assert result.reason is None and result.family == "div-ict"


def test_a_full_description_is_not_too_little():
    result = engine.grade(ROLE, fixture_index())
    assert result.reason is None and result.family == "div-ict"


ENGLISH = (
    "The works council is looking for an official secretary. You prepare the meetings of the council, "
    "take the minutes and keep track of the action list. You advise the chair on procedures under the "
    "Works Councils Act and you maintain the archive of the council. You have a bachelor's degree."
)
FRENCH = (
    "Le SPF Finances recrute un assistant administratif. Vous gérez le courrier entrant et sortant, "
    "vous tenez l'agenda du chef de service et vous classez les dossiers. Vous répondez aux questions "
    "des citoyens par téléphone. Vous êtes titulaire d'un diplôme de l'enseignement secondaire supérieur."
)
DUTCH_WITH_ENGLISH = (
    "Als servicedesk medewerker los je incidents op in TOPdesk en help je gebruikers met hun laptop. "
    "Je doet updates van Windows 11, beheert accounts in Active Directory en Microsoft 365. "
    "Je escaleert issues naar de second line support en documenteert oplossingen in de knowledge base. "
    "Je hebt een mbo-4 opleiding ICT en bent service minded."
)


def test_a_text_in_another_language_gets_a_dutch_message_naming_it():
    for text, code, name in ((ENGLISH, "en", "engels"), (FRENCH, "fr", "frans")):
        result = engine.grade(text, fixture_index())
        assert (result.position, result.reason, result.language, result.family) == (
            Position.NO_MATCH, Reason.LANGUAGE, code, None,
        )
        assert f"in het {name} geschreven" in result.explanation
        assert "Nederlandstalig" in result.explanation


def test_dutch_full_of_english_ict_terms_is_dutch():
    assert detect(DUTCH_WITH_ENGLISH).code == "nl"
    result = engine.grade(DUTCH_WITH_ENGLISH, fixture_index())
    assert result.language == "nl" and result.reason != Reason.LANGUAGE


@pytest.mark.parametrize(("sentence", "rank"), [
    ("Je hebt een mbo-opleiding op niveau 4.", 4.0),
    ("Je hebt een afgeronde mbo 4-opleiding.", 4.0),
    ("Je hebt mbo op niveau 3 of hoger.", 3.0),
    ("Je hebt een mbo-opleiding.", 3.0),
])
def test_the_level_of_an_mbo_course_is_read_where_the_text_puts_it(sentence, rank):
    text = f"Medewerker postkamer\n\nJe registreert de post. Je scant de poststukken in. {sentence}"
    assert read(text, fixture_index()).education == rank


def test_a_sentence_repeated_counts_once():
    repeated = engine.grade("Je registreert de inkomende post in het zaaksysteem van de gemeente. " * 40, fixture_index())
    assert repeated.reason == Reason.TOO_LITTLE_TEXT and "telt één keer" in repeated.explanation


def test_a_refusal_quotes_a_repeated_sentence_once():
    text = ("Je snijdt de groenten voor de soep van vandaag en je bakt het brood in de oven. " * 3
            + "Je serveert de maaltijden aan de gasten in het restaurant van het hotel.")
    result = engine.grade(text, fixture_index())
    assert result.family is None
    assert result.explanation.count("Je snijdt de groenten") <= 1


def test_a_sentence_is_split_into_clauses_once_however_many_hand_offs_it_holds(monkeypatch):
    """Splitting per hand-off made a long sentence of hand-offs quadratic in its length."""
    from grading.engine import negation
    from grading.engine.lexicon import tokenize

    sentence = "het archiveren doet het team, " * 2_000 + "en je plant het overleg."
    calls = []
    split = negation._clauses
    monkeypatch.setattr(negation, "_clauses", lambda *args: calls.append(1) or split(*args))
    tokens = tokenize(sentence)
    denied, _ = negation.sentence_scope(sentence, tokens, 0, len(tokens))
    assert len(calls) == 1
    assert len(denied) > len(tokens) // 2


@pytest.mark.parametrize("sentence, helped", [
    ("Je helpt bij het klaarmaken van dossiers voor vernietiging.", "helpt bij het klaarmaken van dossiers voor vernietiging"),
    ("Je ondersteunt de teamleider bij de planning van het werk.", "ondersteunt de teamleider bij de planning van het werk"),
    ("Je controleert de dossiers, en helpt bij de vernietiging.", "helpt bij de vernietiging"),
    ("Je werkt mee aan de inrichting van het archief.", "werkt mee aan de inrichting van het archief"),
    ("Je levert een bijdrage aan het jaarverslag.", "bijdrage aan het jaarverslag"),
    ("Je ondersteunt de ondernemingsraad.", ""),
    ("Je werkt aan de digitalisering van het archief.", ""),
    ("Bij afgesloten dossiers controleer je of ze compleet zijn.", ""),
])
def test_the_clause_in_which_the_role_helps_with_a_task_is_found(sentence, helped):
    from grading.engine import negation
    from grading.engine.lexicon import tokenize

    tokens = tokenize(sentence)
    found = negation.assisting_tokens(sentence, tokens)
    assert (sentence[tokens[found[0]].start:tokens[found[-1]].end] if found else "") == helped


@pytest.mark.parametrize("piece", ["je helpt bij de post ", "je helpt bij de post, ", "bijdrage "])
def test_finding_where_the_role_helps_looks_at_each_gap_a_bounded_number_of_times(piece, monkeypatch):
    """Every helping verb looks ahead to its particle and its clause's end: a text of nothing
    but helping clauses must not make each one look to the end of the text."""
    from grading.engine import negation
    from grading.engine.lexicon import tokenize

    searches = []
    real = negation.ASSISTING_END

    class Counting:
        def search(self, gap):
            searches.append(1)
            return real.search(gap)

    monkeypatch.setattr(negation, "ASSISTING_END", Counting())
    sentence = piece * 3_000 + "."
    tokens = tokenize(sentence)
    found = negation.assisting_tokens(sentence, tokens)
    assert found
    assert len(searches) <= 3 * len(tokens)
