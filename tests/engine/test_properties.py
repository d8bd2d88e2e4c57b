"""Properties every grading must have, whatever the text."""

import random

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from grading import engine
from grading.engine.result import Position
from tests.engine.families import fixture_families, fixture_index

FAMILY_SLUGS = [f.slug for f in fixture_families()]
OFF_TOPIC = [
    "",
    "   ",
    "Wij zoeken een ervaren vrachtwagenchauffeur met rijbewijs CE voor nationaal transport.",
    "De verpleegkundige verzorgt patiënten op de afdeling cardiologie, deelt medicatie uit en "
    "rapporteert aan de arts. Diploma hbo-verpleegkunde en BIG-registratie vereist.",
    "Als backend developer bouw je microservices in Java en Kotlin, schrijf je unit tests en "
    "werk je in een scrumteam aan de cloudinfrastructuur op Kubernetes.",
    "Je geeft les in wiskunde aan de bovenbouw havo en vwo en bent mentor van een klas.",
]


def role_text(family: engine.FamilyData, rank: int, track: str | None = None) -> list[str]:
    """Sentences built from a level's own distinguishing elements (of one track, if given)."""
    level = family.level(rank)
    index = fixture_index().families[family.slug]
    groups = next((t.groups for t in index.tracks if t.name == track), None)
    return [
        e.text + "." for cell in level.cells for e in cell.elements
        if e.added and not e.inherited and (groups is None or not e.group or e.group in groups)
    ]


def test_off_topic_and_empty_texts_match_no_family():
    for text in OFF_TOPIC:
        result = engine.grade(text, fixture_index())
        assert result.position == Position.NO_MATCH, text
        assert result.family is None and result.grade is None


def test_a_role_graded_within_a_family_gets_that_family():
    for slug in FAMILY_SLUGS:
        for text in OFF_TOPIC + ["Registreert post en beantwoordt vragen."]:
            assert engine.grade(text, fixture_index(), family=slug).family == slug


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(family_number=st.integers(0, len(FAMILY_SLUGS) - 1), data=st.data())
def test_adding_the_next_levels_elements_never_lowers_the_level(family_number, data):
    family = fixture_families()[family_number]
    tracks = fixture_index().families[family.slug].tracks
    # Within a family with tracks, levels are compared within one track.
    track = data.draw(st.sampled_from([t for t in tracks if t.start_rank <= 1] or [None]))
    track = track.name if track else None
    rank = data.draw(st.integers(1, len(family.levels) - 1))
    base = role_text(family, rank, track)
    sample = data.draw(st.lists(st.sampled_from(base), min_size=1, max_size=6, unique=True))
    before = engine.grade(" ".join(sample), fixture_index(), family=family.slug)
    assume(before.level_rank is not None)  # a single short element is too little text to judge
    extra = role_text(family, rank + 1, track)
    after = engine.grade(" ".join(sample + extra), fixture_index(), family=family.slug)
    assert after.level_rank >= before.level_rank


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), family_number=st.integers(0, len(FAMILY_SLUGS) - 1))
def test_reordering_sentences_does_not_change_the_result(seed, family_number):
    family = fixture_families()[family_number]
    sentences = [s for rank in range(1, len(family.levels) + 1) for s in role_text(family, rank)][:12]
    shuffled = sentences[:]
    random.Random(seed).shuffle(shuffled)
    first = engine.grade(" ".join(sentences), fixture_index())
    second = engine.grade(" ".join(shuffled), fixture_index())
    keys = ("family", "grade", "level_rank", "position", "confidence")
    assert {k: getattr(first, k) for k in keys} == {k: getattr(second, k) for k in keys}


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=400))
def test_any_text_grades_without_error_and_offsets_point_into_it(text):
    result = engine.grade(text, fixture_index())
    assert 0.0 <= result.confidence <= 1.0
    for criterion in result.criteria:
        for evidence in criterion.evidence:
            assert text[evidence.start : evidence.end] == evidence.sentence


def test_an_unknown_family_is_refused():
    try:
        engine.grade("tekst", fixture_index(), family="bestaat-niet")
    except KeyError:
        return
    raise AssertionError("expected a KeyError for an unknown family")


def test_the_managers_answers_weigh_in_per_criterion():
    family = next(f for f in fixture_families() if f.slug == "ambtelijk-secretaris")
    text = "Ambtelijk secretaris van de ondernemingsraad. Organiseert vergaderingen en notuleert."
    plain = engine.grade(text, fixture_index(), family=family.slug)
    answers = {criterion.key: 2 for criterion in family.criteria}
    answered = engine.grade(text, fixture_index(), family=family.slug, answers=answers)
    assert plain.level_rank == 1 and answered.level_rank == 2
    assert all(c.answered for c in answered.criteria if c.key in answers)


def test_an_answer_outside_the_family_is_ignored():
    text = "Ambtelijk secretaris van de ondernemingsraad. Organiseert vergaderingen en notuleert."
    result = engine.grade(text, fixture_index(), family="ambtelijk-secretaris", answers={"kerntaken": 9, "onbekend": 1})
    assert not any(c.answered for c in result.criteria)
