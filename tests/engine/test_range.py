"""Roles clearly lighter than a family's lowest level or heavier than its highest are flagged,
with what shows it and the grading system's next grade beyond the range. Texts written here."""

import pytest

from grading import engine
from grading.engine.levels import grade_label
from grading.engine.reading import read
from grading.engine.result import Position
from tests.engine.families import fixture_index

ROLES = {  # name: text; the name says where the role lies
"below-post": """Medewerker postkamer bij een ministerie.
Je sorteert de inkomende post en brengt die rond naar de afdelingen.
Je haalt de uitgaande post op en frankeert die.
Je werkt onder direct toezicht van de teamleider van de facilitaire dienst en volgt zijn aanwijzingen.
Het werk is eenvoudig en routinematig.
Een diploma is niet vereist; een vmbo-opleiding is een pré.""",
"below-minutes": """Typist bij de ondernemingsraad van een ziekenhuis.
Je werkt de notulen van de vergaderingen van de ondernemingsraad uit op basis van de aantekeningen van de ambtelijk secretaris.
Je doet dit onder begeleiding van de ambtelijk secretaris, die de verslagen controleert en verstuurt.
Je typt brieven uit volgens vaste standaardbrieven.
Je hebt een vmbo-diploma en werkt nauwkeurig.""",
"above-belgian": """Diensthoofd secretariaat bij een federale overheidsdienst in Brussel.
Je stelt zelf documenten op waarvoor een diepgaande analyse vereist is en beantwoordt vragen en klachten van burgers.
Je organiseert zelfstandig de activiteiten en evenementen van de dienst.
Als diensthoofd geef je leiding aan een team van twaalf administratieve medewerkers.
Je ontwikkelt het beleid voor de documentenstroom en vertegenwoordigt de dienst in overleg met andere federale overheidsdiensten.
Je hebt een masterdiploma.""",
"above-div": """Coördinator documentaire informatievoorziening bij een rijksdienst.
Je registreert en ontsluit complexe dossiers en beheert de archieven volgens de Archiefwet.
Je bereidt de overbrenging en vernietiging van archieven voor.
Je geeft leiding aan een team van twaalf medewerkers en stelt het beleid voor de informatiehuishouding op.
Je adviseert de directie strategisch en vertegenwoordigt de dienst in landelijke overleggen.
Je hebt een wo-opleiding.""",
"above-as": """Hoofd bestuursondersteuning van de ondernemingsraad van een zorginstelling.
Je geeft leiding aan drie ambtelijk secretarissen en stelt het beleid voor de medezeggenschap op.
Je adviseert de raad van bestuur strategisch over de medezeggenschap en vertegenwoordigt de organisatie extern.
Je bent eindverantwoordelijk voor de ondersteuning van de ondernemingsraad en de cliëntenraad.
Je hebt een masteropleiding.""",
}

EXPECTED = {
    "below-post": ("div-ict", Position.BELOW, "schaal-4"),
    "below-minutes": ("ambtelijk-secretaris", Position.BELOW, "FG40"),
    "above-belgian": ("administratief-ondersteuner", Position.ABOVE, "A"),
    "above-div": ("div-ict", Position.ABOVE, "schaal-9"),
    "above-as": ("ambtelijk-secretaris", Position.ABOVE, "FG55"),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_a_role_outside_the_range_is_flagged_with_the_neighbouring_grade(name):
    result = engine.grade(ROLES[name], fixture_index())
    assert (result.family, result.position, result.neighbour_grade) == EXPECTED[name]
    assert result.range_signals  # what shows it
    for signal in result.range_signals:
        assert ROLES[name][signal.start:signal.end] == signal.text


@pytest.mark.parametrize("name", EXPECTED)
def test_the_explanation_names_the_familys_edge_and_claims_no_neighbouring_grade(name):
    """"Above" says the role is heavier than the family's highest level, not that the system's
    next grade fits: a head of 25 people is several scales above, not "schaal 9"."""
    result = engine.grade(ROLES[name], fixture_index())
    word = "zwaarder" if result.position == Position.ABOVE else "lichter"
    edge = grade_label(result.grade)
    assert f"wijst op een {word}e functie dan {edge}" in result.explanation
    assert result.neighbour_label not in result.explanation


@pytest.mark.parametrize("name", EXPECTED)
def test_a_role_outside_the_range_gets_the_nearest_level_of_the_family(name):
    result = engine.grade(ROLES[name], fixture_index())
    levels = len(next(f for f in fixture_index().families.values() if f.family.slug == result.family).family.levels)
    assert result.level_rank == (levels if result.position == Position.ABOVE else 1)


# Heads of the people who do a family's work, whose texts show none of that work themselves: a
# heavier role in the family's field is not the family's role. No family, with the nearest named
# and its highest level as the edge the role lies beyond.
HEADS_WITHOUT_THE_WORK = {
"belgian": ("""Diensthoofd secretariaat bij een federale overheidsdienst in Brussel.
Als diensthoofd geef je leiding aan een team van twaalf administratieve medewerkers.
Je ontwikkelt het beleid voor de documentenstroom en de klassementen van de dienst.
Je vertegenwoordigt de dienst in overleg met andere federale overheidsdiensten.
Je beheert de budgetten en de planning van het secretariaat.
Je hebt een masterdiploma.""", "Administratief ondersteuner", "niveau B"),
"div": ("""Teamleider informatiebeheer bij een rijksdienst.
Je geeft leiding aan een team van acht medewerkers documentaire informatievoorziening.
Je ontwikkelt beleid voor archivering en informatiehuishouding en adviseert het management strategisch.
Je vertegenwoordigt de organisatie in landelijke overleggen over digitale archivering.
Je bent eindverantwoordelijk voor de kwaliteit van het archief.
Je hebt een wo-opleiding in informatiekunde.""", "Medewerker informatiebeheer / ICT / techniek", "schaal 8"),
# The family's basic work is the secretariat's, which the role leads: the matrix evidence lies at
# the lowest level, yet an academic level and leading people put the role above the highest.
"as": ("""Coördinator ambtelijk secretariaat van de ondernemingsraad van een ziekenhuis.
Het ambtelijk secretariaat ondersteunt de ondernemingsraad en de onderdeelcommissies: het organiseert de vergaderingen, verzorgt de verslaglegging en bewaakt de actiepunten.
Het secretariaat organiseert de verkiezingen en beheert het archief en de documentatie van de raad.
Je geeft leiding aan drie ambtelijk secretarissen en voert met hen de jaargesprekken.
Je hebt een academisch werk- en denkniveau en ervaring met medezeggenschap in de zorg.""", "Ambtelijk secretaris", "FG 50"),
}


@pytest.mark.parametrize("name", HEADS_WITHOUT_THE_WORK)
def test_a_head_whose_text_shows_none_of_the_familys_work_gets_no_family(name):
    text, nearest, edge = HEADS_WITHOUT_THE_WORK[name]
    result = engine.grade(text, fixture_index())
    assert result.family is None and result.position == Position.NO_MATCH and result.reason == "no_family"
    assert f"Het dichtst bij ligt de familie {nearest}, maar de beschrijving wijst op een zwaardere functie dan {edge}" in result.explanation
    assert result.certainty is None


def test_a_refused_heavier_role_is_told_what_makes_it_heavier_not_that_its_work_fits_no_family():
    """The family's work at a heavier weight is no foreign work: the explanation quotes what
    shows the weight (the diploma, leading people) instead of the sentences the family lacks."""
    text, _, _ = HEADS_WITHOUT_THE_WORK["belgian"]
    explanation = engine.grade(text, fixture_index()).explanation
    assert "het hoogste niveau van die familie („masterdiploma”, „Als diensthoofd”" in explanation
    assert "komt in geen familie voor" not in explanation


@pytest.mark.parametrize("name, family", [("div", "div-ict"), ("as", "ambtelijk-secretaris")])
def test_a_head_chosen_into_the_family_is_still_flagged_above_it(name, family):
    """Within a family the user chose, the same text is placed above that family, wherever the
    matrix evidence lies: a diploma above every level with leading people is not the lowest level."""
    text, _, _ = HEADS_WITHOUT_THE_WORK[name]
    result = engine.grade(text, fixture_index(), family=family)
    assert result.family == family and result.position == Position.ABOVE


# The lowest level of a family itself asks simple work: saying so is no sign of lying below it.
LOWEST_CLERK = """Administratief medewerker bij een federale overheidsdienst.
Je beantwoordt eenvoudige vragen van burgers aan het onthaal met standaardantwoorden.
Je klasseert documenten en houdt het klassement bij volgens de geldende procedures.
Je registreert binnenkomende documenten in de databank.
Je bereidt eenvoudige zendingen voor en verdeelt de post.
Je hebt geen diploma nodig; ervaring met administratief werk is een pluspunt."""


def test_simple_work_the_lowest_level_asks_stays_in_range():
    result = engine.grade(LOWEST_CLERK, fixture_index())
    assert result.family == "administratief-ondersteuner"
    assert result.position == Position.IN_RANGE and result.neighbour_grade is None and result.range_signals == ()


def test_a_family_without_grades_has_no_neighbouring_grade():
    from grading.engine.outside import neighbour_grade

    school = fixture_index().families["secretariele-ondersteuning-vo"]
    assert neighbour_grade(school, Position.ABOVE) is None and neighbour_grade(school, Position.BELOW) is None


def test_the_top_of_a_system_has_no_grade_beyond_it():
    from dataclasses import replace

    from grading.engine.outside import neighbour_grade

    family = fixture_index().families["administratief-ondersteuner"]
    shortened = replace(family, family=replace(family.family, system_grades=("D", "C", "B")))
    assert neighbour_grade(shortened, Position.ABOVE) is None
    assert neighbour_grade(family, Position.BELOW) is None  # D is the system's lowest grade here


# A text the family's matrix barely explains is kept, flagged outside the range, only when its
# diploma lies clearly outside what the family asks: cues of leading people alone describe a
# head of the family's field, not its work at a heavier weight.
HEAD_OF_A_SECRETARIAT = """Verantwoordelijke voor het algemeen secretariaat van de raad van bestuur van een federale instelling.
Je bent eindverantwoordelijk voor de werking van het secretariaat van de bestuursorganen.
Je geeft leiding aan de medewerkers van het secretariaat en bewaakt de planning van de vergaderingen."""


def test_cues_of_leading_alone_do_not_keep_a_barely_explained_family():
    from grading.engine.outside import clearly_outside
    from grading.engine.reading import read

    index = fixture_index()
    family = index.families["administratief-ondersteuner"]
    reading = read(HEAD_OF_A_SECRETARIAT, index)
    assert len(reading.above_signals) >= 2
    assert not clearly_outside(family, reading, "", 0.0)
    assert clearly_outside(family, reading, "above", 2.0)  # a master's degree for a family of bachelors


# Written here: a programme manager whose only work the DIV/ICT family shares is what its lowest
# level does (ordering dossiers), in a text that lies well above the family.
PROGRAMME_MANAGER = """Programmamanager digitalisering bij de directie Informatiehuishouding van een uitvoeringsorganisatie van het Rijk.
Je leidt het programma waarin alle fysieke en digitale dossiers worden geordend en gevormd voor het digitale archief.
Je stelt het programmaplan op, beheert budget en planning en stuurt een team van projectleiders en informatiebeheerders aan.
Je rapporteert aan de stuurgroep en zorgt voor draagvlak bij de directies voor de documentaire informatievoorziening.
Je hebt een wo-opleiding en ervaring met het leiden van complexe veranderprogramma's."""


def test_a_role_above_a_family_sharing_only_its_lowest_levels_work_gets_no_family():
    result = engine.grade(PROGRAMME_MANAGER, fixture_index())
    assert result.family is None
    assert "laat het werk van dat niveau niet zien" in result.explanation
    assert engine.grade(PROGRAMME_MANAGER, fixture_index(), family="div-ict").position == Position.ABOVE


# Written here: an adviser who sets the rules for the archive and coaches those who keep it. The
# DIV/ICT work it names lies below the family's highest level; "above-div" (ROLES) does that
# level's work itself and stays in the family, flagged above it.
ADVISER = """Adviseur informatiebeheer bij een rijksdienst.
Je adviseert de directie over de inrichting van de informatiehuishouding en stelt richtlijnen op voor het archief.
Je beoordeelt of de dossiers volgens de selectielijst worden gevormd en adviseert bij de aanschaf van een documentmanagementsysteem.
Je zet verbetertrajecten op en coacht de medewerkers die de post registreren en de dossiers beheren.
Je geeft leiding aan een team van acht medewerkers en vertegenwoordigt de dienst in landelijke overleggen.
Je hebt een wo-opleiding."""


def test_a_role_above_a_family_whose_work_stays_below_its_highest_level_gets_no_family():
    result = engine.grade(ADVISER, fixture_index())
    assert result.family is None and result.confidence == 0.5
    assert "wie dat werk leidt, inricht, toetst of erover adviseert" in result.explanation
    chosen = engine.grade(ADVISER, fixture_index(), family="div-ict")
    assert chosen.position == Position.ABOVE
    assert max(c.level_rank or 0 for c in chosen.criteria if c.key == "resultaten") < 4
    assert engine.grade(ROLES["above-div"], fixture_index()).position == Position.ABOVE


# The school family's result areas lead a unit ("Coördineert of geeft leiding aan de werkzaamheden
# van een administratieve en/of secretariële eenheid"): a coordinator who leads its secretariat and
# does its work works in the family; a head who only leads it does not.
LEADING = """Coördinator secretariaat
CSG De Lage Waard, Papendrecht

Als coördinator geef je leiding aan een team van vijf secretaresses en administratief medewerkers van de school.
Je voert de gesprekken uit de gesprekscyclus en maakt de werkverdeling van het secretariaat.
"""
WORKING = """Je beheert de agenda van de rector, bereidt de vergaderingen van de schoolleiding voor en notuleert die.
Je verzamelt, controleert en registreert de gegevens van leerlingen en personeel en verwerkt de mutaties.
"""
REQUIREMENTS = "Je hebt een hbo-opleiding en ervaring als leidinggevende."


def test_leading_a_unit_a_family_itself_leads_is_no_sign_of_a_role_above_it():
    index = fixture_index()
    assert index.families["secretariele-ondersteuning-vo"].own_above_phrases
    assert not index.families["div-ict"].own_above_phrases
    working = engine.grade(LEADING + WORKING + REQUIREMENTS, index)
    assert working.family == "secretariele-ondersteuning-vo" and working.position == Position.IN_RANGE
    only_leading = engine.grade(LEADING + REQUIREMENTS, index)
    assert only_leading.position != Position.IN_RANGE


def test_the_roles_own_manager_is_no_sign_of_leading_but_experience_as_one_is():
    assert read("Je bespreekt je werk met je leidinggevende.", fixture_index()).above_signals == ()
    assert read("Je hebt ervaring als leidinggevende.", fixture_index()).above_signals
