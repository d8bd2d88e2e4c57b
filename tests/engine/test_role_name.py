"""The name a text gives its role (grading/engine/role_name.py), and the family claim it stops: a
role named after someone a family's roles work with is that other person's role."""

import pytest

from grading import engine
from grading.engine.role_name import role_names
from grading.engine.text import Sentence
from tests.engine.families import fixture_index


def names_in(text: str) -> set[str]:
    reading = engine.reading.read(text, fixture_index())
    return {word for _, word in reading.role_names}


@pytest.mark.parametrize(("text", "names"), [
    ("Senior adviseur inkoop\n\nJe koopt in voor de afdelingen. Je bewaakt de contracten.", {"adviseur"}),
    ("Vacature: voorzitter cliëntenraad\n\nJe leidt de vergaderingen. Je bewaakt de adviezen.", {"voorzitter"}),
    ("Als ambtelijk secretaris ondersteun je de raad. Je bereidt de vergaderingen voor.", {"secretaris"}),
    ("De voorzitter leidt de vergaderingen. Van de voorzitter wordt verwacht dat hij verbindt.", {"voorzitter"}),
    # once is not a name: a sentence about someone else
    ("De directeur stelt de begroting vast. Het team werkt in twee ploegen.", set()),
    # a text that addresses its reader names its role "je": "De directeur …" is someone else
    ("Je ondersteunt de directeur. De directeur vraagt advies. Je plant de afspraken. De directeur beslist.", set()),
    # a word for any employee names no role
    ("Medewerker secretariaat\n\nDe medewerker plant de vergaderingen. De medewerker notuleert.", set()),
    # a title that quotes the role with "Als"
    ("'Als voorzitter ben ik geen verlengstuk van de directie'\n\nHij leidt de vergaderingen.", {"voorzitter"}),
    # "Als" before an article or a pronoun opens a condition, not the role's name
    ("Als dezelfde leerling weer ziek is, bel je de ouders. Als de leerling niet komt, meld je het.", set()),
    ("Als ik een dossier goed invoer, hoeft niemand te zoeken. Hij scant de post.", set()),
    # a subject the sentence acts upon is whom the role serves
    ("De klant wordt geholpen bij zijn vraag. De klant is snel en vriendelijk geholpen.", set()),
    ("De klant is effectief ondersteund. De klant is over de voortgang geïnformeerd.", set()),
    ("De voorzitter is verantwoordelijk voor de agenda. De voorzitter leidt de vergadering.", {"voorzitter"}),
    # a first line that only says what kind of document this is leaves the title to the next
    ("Functieomschrijving\nVoorzitter cliëntenraad\n\nJe leidt de vergaderingen. Je bewaakt de adviezen.", {"voorzitter"}),
    ("Vacature: medewerker\n\nVoorzitter cliëntenraad\nJe leidt de vergaderingen. Je bewaakt de adviezen.", {"voorzitter"}),
    ("Gemeente Zuidhaven\nVoorzitter cliëntenraad\n\nJe leidt de vergaderingen. Je bewaakt de adviezen.", {"voorzitter"}),
    # the kind of text before the name ("Portret:") and a call for people ("Gezocht: nieuwe leden")
    ("Portret: voorzitter van de cliëntenraad\n\nIk leid de vergaderingen. Ik bewaak de adviezen.", {"voorzitter"}),
    ("Gezocht: nieuwe leden voor de cliëntenraad\n\nJe denkt mee over de zorg. Je geeft advies.", {"lid"}),
    # "lid" alone is often a member of a team, not the role's name
    ("Als lid van het team plan je de vergaderingen. Als lid van het team beheer je het archief.", set()),
    ("Profielschets voorzitter ondernemingsraad\n\nJe leidt de vergaderingen. Je bewaakt de adviezen.", {"voorzitter"}),
    # a title in parts names its role in any part, and a title may search its role
    ("Gemeente Zuidhaven – Beleidsadviseur wonen\n\nJe schrijft nota's. Je adviseert.", {"beleidsadviseur"}),
    ("Zorggroep Noord | Lid cliëntenraad gezocht\n\nU leest de stukken. U geeft advies.", {"lid"}),
    ("Cliëntenraad Zorggroep Noord zoekt een voorzitter\n\nJe leidt de vergaderingen. Je geeft advies.", {"voorzitter"}),
    ("Stichting Noord zoekt een nieuwe penningmeester\n\nJe beheert de kas. Je maakt de begroting.", {"penningmeester"}),
    # a label for whoever offers the job names no role, and a short line run into the text before
    # the title leaves the title to the next sentence
    ("Werkgever: Stad Gent\n\nJe leest de stukken. Je geeft advies.", set()),
    ("Werkgever: Stad Gent. Voorzitter van de cliëntenraad voor vier uur per week. Hij leidt de vergaderingen.", {"voorzitter"}),
    ("Opdrachtgever: Zorggroep Noord. Voorzitter van de cliëntenraad. De voorzitter leidt de vergaderingen.", {"voorzitter"}),
    # a title that searches something else names no role
    ("De raad zoekt een oplossing\n\nJe leest de stukken. Je geeft advies.", set()),
    # only a person's name: the council is not a role
    ("De cliëntenraad vergadert maandelijks. De cliëntenraad adviseert het bestuur.", set()),
])
def test_the_name_a_text_gives_its_role(text, names):
    assert names_in(text) == names


def test_the_most_given_name_is_the_role():
    text = "Als secretaris werk je voor de raad. De voorzitter leidt. Als secretaris schrijf je verslagen."
    assert names_in(text) == {"secretaris"}


def test_only_the_start_of_a_sentence_is_read():
    long = Sentence("De " + "lange " * 100_000 + "voorzitter leidt.", 0, 600_006)
    assert role_names((), [long, long]) == ()


CHAIR = (
    "De voorzitter leidt de vergaderingen van de ondernemingsraad en het overleg met de bestuurder. "
    "De voorzitter bereidt samen met het dagelijks bestuur de agenda voor en bewaakt de voortgang van "
    "adviesaanvragen en instemmingsverzoeken op grond van de Wet op de ondernemingsraden. "
    "De voorzitter onderhoudt de contacten met de achterban en de commissies van de ondernemingsraad. "
    "Van de voorzitter wordt verwacht dat hij of zij de medezeggenschap in de organisatie versterkt."
)
SECRETARY = CHAIR.replace("De voorzitter", "De ambtelijk secretaris").replace(
    "Van de voorzitter", "Van de ambtelijk secretaris")


def test_a_role_named_after_the_person_the_family_supports_is_in_no_family():
    result = engine.grade(CHAIR, fixture_index())
    assert result.family is None
    assert "„voorzitter”" in result.explanation and "Ambtelijk secretaris" in result.explanation


def test_the_same_text_about_the_familys_own_function_is_that_family():
    assert engine.grade(SECRETARY, fixture_index()).family == "ambtelijk-secretaris"


@pytest.mark.parametrize(("text", "names"), [
    # a member of a council is named by the compound ("OR-lid", "ouderlid")
    ("Als OR-lid praat je mee over het beleid. Je leest de stukken.", {"OR-lid"}),
    ("Als ouderlid lees je de stukken. Je vergadert zes keer per jaar.", {"ouderlid"}),
    # "lid" alone is any member of a team, no name
    ("Als lid van het team plan je de afspraken. Je beheert de agenda.", set()),
])
def test_a_member_is_named_by_the_compound(text, names):
    assert names_in(text) == names


MEMBER_CALL = (
    "Word jij lid van onze ondernemingsraad?\n\n"
    "Als OR-lid praat je mee over reorganisaties en het thuiswerkbeleid. Je leest de adviesaanvragen van de "
    "bestuurder, bereidt de overlegvergadering voor in de commissie en spreekt met je achterban over wat er "
    "leeft. De ambtelijk secretaris van de OR ondersteunt je met de agenda, de verslagen en het archief, zodat "
    "jij je op de inhoud kunt richten."
)
SECRETARY_CALL = (
    "Word jij onze ambtelijk secretaris?\n\n"
    "Als ambtelijk secretaris ondersteun je de ondernemingsraad. Je bereidt de vergaderingen voor, maakt de "
    "agenda en de verslagen, bewaakt de termijnen van de adviesaanvragen van de bestuurder en beheert het "
    "archief van de raad. Je spreekt met de achterban over wat er leeft."
)


def test_a_council_member_whom_the_secretary_supports_is_in_no_family():
    assert engine.grade(MEMBER_CALL, fixture_index()).family is None
    assert engine.grade(SECRETARY_CALL, fixture_index()).family == "ambtelijk-secretaris"


CHAIR_CALL = (
    "Cliëntenraad Zorggroep Noord zoekt een voorzitter\n\n"
    "De cliëntenraad behartigt de belangen van de bewoners en praat mee over de maaltijden, de activiteiten "
    "en de begroting. De raad wordt ondersteund door een ambtelijk secretaris.\n\n"
    "Je leidt de vergaderingen van de raad en het overleg met de bestuurder. Je bepaalt met de ambtelijk "
    "secretaris de agenda en je ondertekent de adviezen en het jaarverslag."
)


def test_a_chair_the_title_searches_is_not_the_secretary_who_supports_the_council():
    result = engine.grade(CHAIR_CALL, fixture_index())
    assert result.family is None
    secretary_call = CHAIR_CALL.replace("zoekt een voorzitter", "zoekt een ambtelijk secretaris").replace(
        "Je leidt de vergaderingen", "Je bereidt de vergaderingen voor")
    assert engine.grade(secretary_call, fixture_index()).family == "ambtelijk-secretaris"
