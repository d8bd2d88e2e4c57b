"""A criterion's level lies where the balance of its evidence lies (the zwaartepunt), and every
line of evidence agrees with it or says why it did not count. The texts are written for these
tests."""

from grading import engine
from grading.engine.fit import ElementMatch
from grading.engine.levels import own_counts, zwaartepunt
from tests.engine.families import fixture_index

DIV = "div-ict"
TRACK = "Informatiebeheer"


def div_elements(criterion: str, rank: int) -> list[int]:
    family = fixture_index().families[DIV]
    return [
        e.index for e in family.elements
        if e.criterion == criterion and e.level_rank == rank and e.distinguishing and e.track in ("", TRACK)
    ]


def own(criterion: str) -> dict[int, int]:
    counts = own_counts(fixture_index().families[DIV], TRACK)
    return {rank: n for (key, rank), n in counts.items() if key == criterion}


def matches(*pairs: tuple[int, float]) -> list[ElementMatch]:
    return [ElementMatch(element, sentence, score) for sentence, (element, score) in enumerate(pairs)]


def test_a_single_loose_element_of_a_higher_level_does_not_lift_a_criterion():
    family = fixture_index().families[DIV]
    low, high = div_elements("resultaten", 1), div_elements("resultaten", 4)
    found = matches((low[0], 0.5), (low[1], 0.5), (low[2], 0.5), (high[0], 0.35))
    rank, _, uncounted = zwaartepunt(family, found, own("resultaten"))
    assert rank == 1
    assert [element for element, _ in uncounted] == [high[0]]
    note = dict(uncounted)[high[0]]
    assert "schaal 8" in note and f"1 van {own('resultaten')[4]} eigen elementen" in note


def test_two_of_a_higher_levels_own_elements_lift_it():
    family = fixture_index().families[DIV]
    low, high = div_elements("resultaten", 1), div_elements("resultaten", 4)
    found = matches((low[0], 0.5), (low[1], 0.5), (high[0], 0.5), (high[1], 0.5))
    rank, _, uncounted = zwaartepunt(family, found, own("resultaten"))
    assert rank == 4 and uncounted == ()


def test_one_element_met_whole_may_lift_a_criterion_alone():
    family = fixture_index().families[DIV]
    low, high = div_elements("resultaten", 1), div_elements("resultaten", 4)
    rank, _, uncounted = zwaartepunt(family, matches((low[0], 0.4), (high[0], 1.0)), own("resultaten"))
    assert rank == 4 and uncounted == ()


def test_a_criterion_resting_on_one_partial_element_is_weak():
    family = fixture_index().families[DIV]
    high = div_elements("resultaten", 4)
    rank, strength, uncounted = zwaartepunt(family, matches((high[0], 0.4)), own("resultaten"))
    assert rank == 4 and strength < 0.4 and uncounted == ()


def test_no_own_element_gives_no_level():
    assert zwaartepunt(fixture_index().families[DIV], [], own("resultaten")) == (None, 0.0, ())


# A records clerk at the family's lowest scale, written for this test; one sentence touches on
# the coordination a schaal 8 role does, without doing it.
CLERK = """Medewerker documentaire informatievoorziening bij een rijksdienst.
Je registreert en digitaliseert de inkomende en uitgaande poststukken en documenten.
Je ordent en vormt de fysieke en digitale dossiers en houdt het archief actueel en op orde.
Je controleert archiefbescheiden op compleetheid en afdoening.
Je behandelt eenvoudige vragen en klachten van collega's over dossiers.
Je werkt volgens algemene werkafspraken, regels en voorschriften.
Soms schuif je aan bij een overleg van gebruikers van het documentmanagementsysteem.
Je hebt een mbo-opleiding en een jaar ervaring in een archief."""


def test_every_evidence_line_agrees_with_its_criterion_or_says_why_not():
    result = engine.grade(CLERK, fixture_index())
    assert result.family == DIV
    for criterion in result.criteria:
        for line in criterion.evidence:
            assert line.element and line.level_rank >= 1  # names its element and that element's level
            if criterion.level_rank is None or line.level_rank > criterion.level_rank:
                assert not line.counted and line.note  # a higher level's element never backs a lower level
            if not line.counted:
                assert line.note.startswith("telde niet mee")


def test_a_criterion_says_how_many_of_its_levels_own_elements_the_text_shows():
    result = engine.grade(CLERK, fixture_index())
    resultaten = next(c for c in result.criteria if c.key == "resultaten")
    assert resultaten.level_rank == 1
    shown = {rank: (n, of) for rank, n, of in resultaten.shown}
    assert shown[1][0] >= 3 and shown[1][1] == own("resultaten")[1]
    assert all(0 < n <= of for n, of in shown.values())


def test_a_criterion_at_or_above_the_next_level_lists_nothing_missing_for_it():
    result = engine.grade(CLERK, fixture_index())
    for criterion in result.criteria:
        if criterion.level_rank is not None and result.next_level_rank is not None:
            if criterion.level_rank >= result.next_level_rank:
                assert criterion.missing_for_next == ()


REPORTING = "Je rapporteert aan het afdelingshoofd en legt verantwoording af aan je leidinggevende."


def test_reporting_to_a_manager_is_not_managing():
    plain = engine.grade(CLERK, fixture_index())
    reporting = engine.grade(CLERK + "\n" + REPORTING, fixture_index())
    assert reporting.position == plain.position == engine.Position.IN_RANGE
    assert reporting.level_rank == plain.level_rank
    assert not [s for s in reporting.signals if s.kind == "above"]


# The same task done and only helped with: helping shows a level's work as support, which places
# no level whose own text does not help as well.
HELPED = """Medewerker documentaire informatievoorziening bij een rijksdienst.
Je registreert de inkomende en uitgaande post en digitaliseert de poststukken.
Je ordent de fysieke en digitale dossiers volgens het ordeningsplan.
Je beantwoordt eenvoudige vragen van collega's over de registratie.
{}
Je hebt een mbo-opleiding en werkt volgens de werkafspraken van het team."""
DOES = "Je beheert de dossiers en maakt ze gereed voor overdracht aan het Nationaal Archief en voor vernietiging."
HELPS = "Je helpt bij het beheren van de dossiers en het gereedmaken voor overdracht aan het Nationaal Archief en voor vernietiging."


def test_a_task_the_role_only_helps_with_does_not_lift_a_criterion():
    results = {
        line: next(c for c in engine.grade(HELPED.format(line), fixture_index()).criteria if c.key == "resultaten")
        for line in (DOES, HELPS)
    }
    assert results[DOES].level_rank > results[HELPS].level_rank


def test_a_match_with_a_task_the_role_only_helps_with_says_why_it_did_not_count():
    from grading.engine.fit import family_fit
    from grading.engine.levels import HELPING, decide
    from grading.engine.reading import read

    index = fixture_index()
    family = index.families[DIV]
    reading = read(HELPED.format(HELPS), index)
    support = next(c for c in decide(family, reading, family_fit(family, reading, index).matches, {}).criteria
                   if c.key == "resultaten")
    helped = [family.elements[i] for i, note in support.uncounted if note == HELPING]
    assert helped and all(e.level_rank > 1 and not e.assisting for e in helped)


def test_a_criterion_the_level_above_takes_over_unchanged_cannot_tell_the_two_apart():
    """FG 50 takes "Inconvenienten" over from FG 45 ("Idem"): a text that shows its element fits both
    levels equally, while "Kennisniveau", where FG 50 asks more, places the role at FG 45."""
    from grading.engine.levels import criterion_support

    family = fixture_index().families["ambtelijk-secretaris"]

    def first(criterion: str) -> int:
        return next(e.index for e in family.elements if e.criterion == criterion and e.level_rank == 1)

    shown = {index: ElementMatch(index, n, 1.0) for n, index in enumerate((first("inconvenienten"), first("kennisniveau")))}
    supports = {s.key: s for s in criterion_support(family, shown, {})}
    assert (supports["inconvenienten"].level_rank, supports["inconvenienten"].reach) == (1, 2)
    assert (supports["kennisniveau"].level_rank, supports["kennisniveau"].reach) == (1, 1)


def test_the_result_says_up_to_where_a_criterion_fits_alike():
    text = ("Ambtelijk secretaris ondernemingsraad\n\nAls ambtelijk secretaris ondersteun je de ondernemingsraad. Je "
            "organiseert de vergaderingen, draagt zorg voor de verslaglegging en bewaakt de actiepunten en termijnen. "
            "Je hebt kennis op mbo-4-niveau en aanvullende scholing als ambtelijk secretaris. Het werk brengt "
            "psychische belasting met zich mee door spanningen tussen raad en bestuurder.")
    criteria = {c.key: c for c in engine.grade(text, fixture_index()).criteria}
    assert (criteria["inconvenienten"].level_rank, criteria["inconvenienten"].fits_up_to) == (1, 2)
    assert criteria["kennisniveau"].fits_up_to is None
