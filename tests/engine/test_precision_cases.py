"""The cases issue 22 names, written as short role texts of our own: a family claim must rest on
the role's work, and a role far above a family is not given the system's next grade."""

from dataclasses import replace

import pytest

from grading import engine
from grading.engine.fit import FamilyFit, match_elements
from grading.engine.matching import refusal
from grading.engine.reading import read
from grading.engine.result import Position
from tests.engine.families import fixture_index

NURSE = (
    "Verpleegkundige interne geneeskunde (32-36 uur)\n\nOp onze afdeling interne geneeskunde zorg je voor zes "
    "patiënten met uiteenlopende aandoeningen. Je observeert hun gezondheid, deelt medicatie uit en voert "
    "verpleegtechnische handelingen uit. Je overlegt dagelijks met de arts en de collega's van het team over de "
    "behandeling en rapporteert in het elektronisch patiëntendossier. Je werkt in wisseldiensten, ook in het "
    "weekend. Je begeleidt stagiairs en leerlingen. Je hebt een afgeronde hbo-opleiding verpleegkunde en een "
    "BIG-registratie."
)
HEAD_OF_25 = (
    "Teamleider informatiebeheer\n\nAls teamleider geef je leiding aan 25 medewerkers van de afdeling "
    "informatiebeheer. Je bent verantwoordelijk voor de planning, de personeelszorg en de resultaten van het team. "
    "Je voert de jaargesprekken en stuurt op de productie. Je vertaalt het beleid van de directie naar concrete "
    "plannen en signaleert knelpunten in werkprocessen. Je hebt een afgeronde wo-opleiding en ervaring als "
    "leidinggevende."
)
ATTACHE = (
    "Attaché juridische zaken (m/v/x) - FOD Binnenlandse Zaken\n\nAls attaché analyseer je complexe juridische "
    "vraagstukken en schrijf je adviezen voor de directie. Je bereidt wetgeving voor en verdedigt standpunten in "
    "werkgroepen met andere overheidsdiensten. Je geeft leiding aan een klein team van juristen. Je bent houder "
    "van een masterdiploma in de rechten. Je werkt zelfstandig en neemt initiatief."
)


def test_a_nurse_is_in_no_family():
    """Engine 1.3 put this text in the school secretariat family: "uiteenlopende aandoeningen"
    matched "uiteenlopende informatie"."""
    assert engine.grade(NURSE, fixture_index()).family is None


def test_a_head_of_25_people_is_no_firm_indication_and_gets_no_neighbouring_grade():
    result = engine.grade(HEAD_OF_25, fixture_index())
    if result.family is not None:
        assert result.position == Position.ABOVE and result.certainty == "uncertain"
        assert result.neighbour_label not in result.explanation


def test_an_attache_with_a_masters_degree_is_never_placed_inside_the_administrative_family():
    result = engine.grade(ATTACHE, fixture_index())
    assert result.family is None or result.position == Position.ABOVE


# Minimal pairs: one sentence shares a single word with a source element, its twin shares the
# element's work. A word split into parts ("werk" + "processen") is still one word of evidence.
DIV_ROLE = (
    "Medewerker postverwerking\n\nJe registreert de inkomende post en scant de poststukken. Je beheert de "
    "digitale dossiers in het documentmanagementsysteem. Je bereidt de overbrenging of vernietiging van "
    "dossiers voor volgens de selectielijst. Je hebt een mbo-opleiding op niveau 4."
)


def supported_elements(slug: str, text: str) -> list[str]:
    return list(one_word_matches(slug, text))


def test_one_shared_word_in_parts_supports_no_element():
    assert supported_elements("div-ict", "Je signaleert knelpunten in werkprocessen.") == []
    assert supported_elements("div-ict", "Je bewaakt de kwaliteit van werkprocessen.") == []


def test_a_sentence_about_the_elements_work_supports_it():
    supported = supported_elements(
        "div-ict", "Je neemt deel aan werkgroepen over de afstemming van de documentaire informatievoorziening."
    )
    assert any(text.startswith("in werkgroepen geparticipeerd") for text in supported)


def one_word_matches(slug: str, text: str) -> dict[str, bool]:
    family = fixture_index().families[slug]
    matches, _ = match_elements(family, read(text, fixture_index()))
    return {family.elements[index].text: match.one_word for index, match in matches.items()}


ADVISES = "Adviseert over geconstateerde problemen;"


def test_one_word_and_its_concept_are_one_shared_word():
    """"adviseert" is the stem and the concept ~adviseren: a match on it alone may place a level,
    but it shows none of the family's work (a team leader who advises the rector on staffing)."""
    school = "secretariele-ondersteuning-vo"
    alone = one_word_matches(school, "Je adviseert de rector over formatie en inzet van het personeel.")
    assert alone.get(ADVISES) is True
    assert one_word_matches(school, "Je adviseert over de problemen die je in de administratie ziet.")[ADVISES] is False


def test_a_match_on_one_word_shows_no_work():
    text = (
        "Teamleider bedrijfsvoering\nOnze school zoekt een teamleider die leiding geeft aan het secretariaat, de "
        "leerlingenadministratie, de receptie en de mediatheek, samen 22 medewerkers. Je stuurt de teams aan en "
        "voert de gesprekkencyclus. Je stelt de begroting op. Je adviseert de rector over formatie en inzet van het "
        "onderwijsondersteunend personeel. Je hebt een hbo-opleiding en leidinggevende ervaring."
    )
    index = fixture_index()
    fit = engine.fit.family_fit(index.families["secretariele-ondersteuning-vo"], read(text, index), index)
    assert not fit.shows_work
    assert engine.grade(text, index).family is None


def test_leading_people_is_not_taking_part_in_working_groups():
    assert supported_elements("div-ict", "Je geeft leiding aan 25 medewerkers.") == []


def test_signalling_bottlenecks_in_work_processes_does_not_lift_the_grade():
    """Engine 1.4 gave schaal 8 once this sentence was added: "werkprocessen" matched a schaal-8
    element about "wet- en regelgeving … werkprocessen"."""
    plain = engine.grade(DIV_ROLE, fixture_index())
    added = engine.grade(DIV_ROLE.replace(" Je hebt", " Je signaleert knelpunten in werkprocessen. Je hebt"), fixture_index())
    assert plain.family == added.family == "div-ict"
    assert added.grade == plain.grade


# Written for this test in the form of a Rijk function typing: the frame of the DIV/ICT family's
# typings (room to decide, knowledge, contacts) around the results of another function group.
RIJK_FRAME = (
    "Kaders: algemene werkafspraken, regels en voorschriften; keuzemogelijkheden in aanpak na beoordeling van "
    "beschikbare gegevens. Kennis en vaardigheden: vaktechnische kennis en inzicht in de organisatorische en "
    "functionele verhoudingen; nauwkeurigheid en klantvriendelijkheid. Contacten: uitwisselen en overdragen van "
    "informatie en verkrijgen van informatie voor de voortgang van het werk."
)
CATERING_TYPING = (
    "Algemene omschrijving: verzorgt de catering bij vergaderingen en ontvangsten. Resultaten: koffie, thee en "
    "lunches bereid en uitgeserveerd; de voorraad levensmiddelen bijgehouden en aangevuld; de keuken en het "
    "servies schoongemaakt volgens de hygiënecode. " + RIJK_FRAME
)
FILING_TYPING = (
    "Algemene omschrijving: verzorgt de registratie van de post en de dossiers. Resultaten: inkomende en uitgaande "
    "poststukken en documenten geregistreerd en gedigitaliseerd; fysieke en digitale dossiers geordend en "
    "gevormd; eenvoudige vragen en klachten behandeld. " + RIJK_FRAME
)


def test_sharing_only_a_grading_systems_frame_is_no_family_claim():
    """Rijk typings of other function groups were placed in the DIV/ICT family on their
    frame alone (dev cases of engine 1.4): the frame says how heavy, not what work."""
    assert engine.grade(CATERING_TYPING, fixture_index()).family is None


def test_the_same_frame_around_the_familys_own_results_is_that_family():
    assert engine.grade(FILING_TYPING, fixture_index()).family == "div-ict"


# Minimal pair for a family that requires its domain (ambtelijk secretaris: recognition
# `domain_required`): the same secretarial work, for a participation body or for a committee.
COMMITTEE_SECRETARY = (
    "Secretaris van de commissie bezwaarschriften\n\nJe bereidt de vergaderingen van de commissie voor, stelt "
    "de agenda op met de voorzitter en maakt de verslagen. Je adviseert de commissie over procedures en "
    "wetgeving en schrijft de concept-adviezen. Je onderhoudt contacten met de afdelingen en bewaakt de "
    "termijnen. Je hebt een hbo-opleiding en ervaring als secretaris."
)
WORKS_COUNCIL_SECRETARY = COMMITTEE_SECRETARY.replace(
    "Secretaris van de commissie bezwaarschriften", "Ambtelijk secretaris van de ondernemingsraad"
).replace("de commissie", "de ondernemingsraad").replace("procedures en wetgeving", "de WOR")


def test_a_committee_secretary_is_not_a_participation_bodys_secretary():
    assert engine.grade(COMMITTEE_SECRETARY, fixture_index()).family is None


def test_the_same_work_for_a_works_council_is():
    assert engine.grade(WORKS_COUNCIL_SECRETARY, fixture_index()).family == "ambtelijk-secretaris"


# A text that names a family's declared domain once at most must show more than one piece of its
# work: handling questions and complaints is a task of many jobs, and a passing mention of the
# field (the works council as one of an HR adviser's contacts) does not make it the family's.
COMPLAINTS_OFFICER = (
    "Klachtenfunctionaris\n\nJe behandelt vragen en klachten van inwoners over de dienstverlening van de "
    "gemeente. Je voert gesprekken met klagers en betrokken medewerkers en onderzoekt wat er is gebeurd. Je "
    "stelt een advies op voor de afhandeling van elke klacht. Je bewaakt de termijnen van de klachtenregeling "
    "en rapporteert jaarlijks over de behandelde klachten. Je hebt een hbo-opleiding."
)


def test_one_shared_task_without_the_domain_is_no_family():
    assert engine.grade(COMPLAINTS_OFFICER, fixture_index()).family is None


def a_fit(**changes) -> FamilyFit:
    fit = FamilyFit(slug="div-ict", score=0.6, domain_hits=0.0, explained=0.3, sentence_share=0.6,
                    jurisdiction_factor=1.0, matches={}, evidence=0.5, work_shown=1, domain_declared=True)
    return replace(fit, **changes)


@pytest.mark.parametrize(("changes", "claimed"), [
    ({}, False),
    ({"domain_hits": 1.0}, False),  # one domain term: a mention of the field
    ({"domain_hits": 1.5}, True),  # a domain term and a rare word of the family's texts
    ({"domain_hits": 1.0, "names_function": True}, True),  # the role called by the family's function name
    # a domain term in the setting it requires: every role there shares the setting (a school's
    # care coordinator who registers absences is no secretarial support)
    ({"domain_hits": 1.0, "in_required_setting": True}, False),
    ({"work_shown": 2}, True),  # two pieces of the family's work
    ({"domain_declared": False}, True),  # a family without a recognition block: its domain is unknown
])
def test_without_its_domain_a_family_needs_two_pieces_of_its_work(changes, claimed):
    assert (refusal(a_fit(**changes)) is None) is claimed


@pytest.mark.parametrize(("changes", "claimed"), [
    ({"evidence": 0.65, "domain_hits": 1.5}, True),  # reads as the family throughout, its domain named
    ({"evidence": 0.65, "domain_hits": 1.0}, False),  # the field mentioned once
    ({"evidence": 0.5, "domain_hits": 1.5}, False),  # a likeness texts that share the frame reach
])
def test_a_text_that_reads_as_the_family_throughout_is_named_without_its_work_shown(changes, claimed):
    """A short vacancy says the family's work in words too few for an element ("Natuurlijk zorg
    je ook voor de vergaderingen"); reading like the family's texts throughout, with its domain
    named, it is named all the same (and uncertain: confidence.py)."""
    fit = a_fit(shows_work=False, work_shown=0, **changes)
    assert (refusal(fit) is None) is claimed


# Written here: an HR adviser who shares one task with the ambtelijk secretaris and names the
# works council once, as a contact. Naming the participation body a second time, as part of the
# work, makes it a claim again (an uncertain one).
HR_ADVISER = """HR-adviseur bij een ziekenhuis.
Je adviseert leidinggevenden over verzuim, formatie en arbeidsvoorwaarden.
Je bewaakt de voortgang van de afspraken uit het managementteam.
Je bent aanspreekpunt voor de ondernemingsraad bij reorganisaties.
Je voert gesprekken met medewerkers over hun loopbaan.
Je hebt een hbo-opleiding personeel en arbeid."""


def test_one_task_and_a_passing_mention_of_the_field_is_no_family():
    """Its one shared "task" is the word "adviseert" (a match on one word shows no work): the
    refusal says the text shares only the frame of the work (the rule for one real task is
    test_without_its_domain_a_family_needs_two_pieces_of_its_work)."""
    result = engine.grade(HR_ADVISER, fixture_index())
    assert result.family is None
    assert "Het dichtst bij ligt de familie Ambtelijk secretaris" in result.explanation
    assert "niets van het werk zelf" in result.explanation


def test_the_field_named_again_as_part_of_the_work_is_a_claim():
    text = HR_ADVISER.replace("bij reorganisaties", "bij reorganisaties en stelt de adviesaanvragen aan de medezeggenschap op")
    assert engine.grade(text, fixture_index()).family == "ambtelijk-secretaris"


# Written here: a narrative text that shares few words with the school family's matrix, but names
# its domain twice in the setting the family requires. The same text at a housing corporation's
# office is refused.
SCHOOL_FRONT_DESK = """Op het Rijnlands Lyceum begint elke ochtend bij de receptie.
Zodra de eerste bel gaat, komen de ziekmeldingen binnen en de telefoon staat niet stil.
Marieke werkt hier al twaalf jaar en kent iedere leerling bij naam.
Naast de receptie zorgt zij voor de agenda van de rector.
Ouders weten haar te vinden, en docenten lopen binnen met hun vragen over roosters en cijfers.
Voor deze school zoeken we een collega die haar werk deels overneemt, met een mbo-diploma."""
OFFICE_FRONT_DESK = (
    SCHOOL_FRONT_DESK.replace("Op het Rijnlands Lyceum", "Op het hoofdkantoor van een woningcorporatie")
    .replace("iedere leerling", "iedere huurder").replace("Voor deze school", "Voor dit kantoor")
    .replace("docenten", "collega's").replace("Ouders", "Huurders").replace("rector", "directeur")
    .replace("roosters en cijfers", "reparaties en huren")
)


def test_a_family_is_recognised_in_the_setting_it_requires_from_its_domain_named_twice():
    result = engine.grade(SCHOOL_FRONT_DESK, fixture_index())
    assert result.family == "secretariele-ondersteuning-vo" and result.certainty == "uncertain"


def test_the_same_words_outside_that_setting_are_no_family():
    assert engine.grade(OFFICE_FRONT_DESK, fixture_index()).family is None


# Written here: the same front desk in everyday words the school family's file now holds ("de
# balie" for its front office, "absenties" and "verzuim" for the absence work its source names).
SCHOOL_DESK_EVERYDAY = """Op het Vechtdal College begint elke ochtend aan de balie.
Zodra de eerste bel gaat, bellen ouders hun kind ziek en verwerkt Samira de absenties in het systeem.
Ze werkt hier al acht jaar en kent iedere leerling bij naam.
Wie te laat komt, haalt bij haar een briefje; bij opvallend verzuim laat ze het de mentor weten.
Voor deze school zoeken we een collega die haar werk deels overneemt, met een mbo-diploma."""


def test_the_front_desk_in_everyday_words_is_recognised_in_its_setting():
    assert engine.grade(SCHOOL_DESK_EVERYDAY, fixture_index()).family == "secretariele-ondersteuning-vo"
    office = (SCHOOL_DESK_EVERYDAY.replace("Op het Vechtdal College", "Op het kantoor van een installatiebedrijf")
              .replace("bellen ouders hun kind ziek", "bellen monteurs zich ziek").replace("iedere leerling", "iedere klant")
              .replace("de mentor", "de planner").replace("Voor deze school", "Voor dit kantoor"))
    assert engine.grade(office, fixture_index()).family is None


# Written here: a bulleted advert that names the DIV field in its own words, with two pieces of
# the family's work, but shares few words with the matrix.
POST_ROOM = """Medewerker postkamer en scanstraat
Elke dag komen er honderden brieven en pakketjes binnen bij onze dienst van het ministerie.
Je taken:
- post openen, sorteren en klaarmaken om te scannen;
- scannen en de stukken met de juiste kenmerken in het zaaksysteem zetten;
- papieren dossiers bij elkaar voegen en opbergen;
- dossiers die weg mogen klaarzetten voor vernietiging;
- collega's helpen die een stuk niet kunnen vinden.
Je werkt volgens vaste werkinstructies in een team van acht collega's."""


def test_a_family_named_beyond_doubt_with_two_pieces_of_its_work_is_claimed_whatever_the_likeness():
    from grading.engine.fit import family_fit
    from grading.engine.matching import NO_MATCH_BELOW
    from grading.engine.reading import read

    index = fixture_index()
    fit = family_fit(index.families["div-ict"], read(POST_ROOM, index), index)
    assert fit.evidence < NO_MATCH_BELOW and fit.domain_hits >= 3 and fit.work_shown >= 2
    result = engine.grade(POST_ROOM, index)
    assert result.family == "div-ict" and result.certainty == "uncertain"


# Written here: education policy at a municipality names the school's setting ("voortgezet
# onderwijs", part of the school family's name) and an "agenda", but none of its work.
MUNICIPAL_EDUCATION_POLICY = """Beleidsmedewerker onderwijs bij de gemeente.
Je werkt aan het lokale onderwijsbeleid voor het primair en voortgezet onderwijs.
Je voert overleg met de schoolbesturen en bereidt de Lokale Educatieve Agenda voor.
Je schrijft collegevoorstellen en raadsinformatiebrieven over onderwijshuisvesting.
Je hebt een hbo- of wo-opleiding bestuurskunde."""


def test_the_setting_in_a_familys_name_is_not_its_domain():
    school = fixture_index().families["secretariele-ondersteuning-vo"]
    assert ("vortgezet", "onderwijs") not in school.domain
    assert engine.grade(MUNICIPAL_EDUCATION_POLICY, fixture_index()).family is None


@pytest.mark.parametrize(("changes", "claimed"), [
    ({}, False),  # the family's words without its name: two pieces of its work are needed
    ({"names_function": True}, True),  # the family's own function name stands for one piece
    ({"work_shown": 2}, True),
    ({"names_function": True, "domain_hits": 2.0}, False),  # the domain named less than beyond doubt
])
def test_a_low_likeness_is_outweighed_by_the_domain_a_function_name_and_one_task(changes, claimed):
    """A text that says the family's work in its own words shares few words with the matrix; its
    domain named three times, with the role called by one of the family's function names and one
    piece of its work shown, names the family all the same."""
    fit = a_fit(**{"evidence": 0.2, "domain_hits": 3.0, **changes})
    assert (refusal(fit) is None) is claimed


# Written here: a helpdesk role in everyday words, called by a general title of ICT support work.
HELPDESK = """{title} bij een waterschap.
Je bent het eerste aanspreekpunt voor collega's met vragen over hun laptop en telefoon.
Je neemt storingsmeldingen aan en handelt vragen af.
Je werkt in een klein team en overlegt met de teamleider.
Je hebt een mbo-4-opleiding."""


@pytest.mark.parametrize("title", ["Medewerker", "Helpdeskmedewerker", "Servicedeskmedewerker"])
def test_calling_the_role_by_a_title_of_the_familys_work_never_loses_the_family(title):
    """The title adds words the matrix lacks; a general title of the family's work (its
    recognition `functions`) must count for the family, not dilute its likeness."""
    result = engine.grade(HELPDESK.format(title=title), fixture_index())
    assert (result.family, result.track) == ("div-ict", "ICT")


@pytest.mark.parametrize("title", ["Onthaalmedewerker", "Onthaalbediende", "Administratief bediende"])
def test_the_belgian_titles_of_administrative_support_name_its_function(title):
    """"Bediende" is the Belgian word for a salaried employee: "onthaalbediende" is the
    onthaalmedewerker of the family's own function names."""
    from grading.engine.fit import family_fit
    from grading.engine.reading import read

    index = fixture_index()
    text = f"{title} – FOD Mobiliteit, Brussel\nJe ontvangt bezoekers en beantwoordt de telefoon."
    assert family_fit(index.families["administratief-ondersteuner"], read(text, index), index).names_function


# Written here: the same management assistant at a school and at an engineering firm. A family
# that requires its setting (the school) is not named for a text that names the setting nowhere.
MANAGEMENT_ASSISTANT = """Managementassistent {where}
Je beheert de agenda van de directeur en plant afspraken en overleggen.
Je bereidt vergaderingen voor, maakt de verslagen en bewaakt de afspraken en termijnen.
Je stelt brieven en overzichten op en beantwoordt vragen van medewerkers en bezoekers.
Je bent de vraagbaak van het secretariaat en gaat zorgvuldig om met vertrouwelijke informatie.
Je signaleert problemen, lost ze op of rapporteert erover.
Je hebt een mbo-4-opleiding en ervaring als secretaresse."""


def test_a_family_that_requires_its_setting_is_named_only_in_that_setting():
    school = engine.grade(MANAGEMENT_ASSISTANT.format(where="van de rector van onze school voor havo en vwo"), fixture_index())
    assert school.family == "secretariele-ondersteuning-vo"
    firm = engine.grade(MANAGEMENT_ASSISTANT.format(where="van de directeur van een ingenieursbureau"), fixture_index())
    assert firm.family is None
    assert "hoort bij één werkomgeving (zoals de school) en de tekst noemt die nergens" in firm.explanation
