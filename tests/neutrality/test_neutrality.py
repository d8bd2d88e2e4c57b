"""The gender-neutrality check (grading/neutrality/) on texts written for these tests."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from grading import neutrality
from grading.neutrality import FACTORS, CriterionFactors, NeutralityDataError, check_text, compare, load_rules

RULES = load_rules()
RAW = tomllib.loads(neutrality.RULES_PATH.read_text(encoding="utf-8"))


def factors_of(text: str) -> set[str]:
    return {key for key, sentences in check_text(text).factors.items() if sentences}


def gendered_of(text: str) -> list[tuple[str, str, str]]:
    return [(g.text, g.kind, g.alternative) for g in check_text(text).gendered]


# --- the data --------------------------------------------------------------------------------


def test_the_module_and_its_data_import_no_django():
    code = "import sys, grading.neutrality as n; n.load_rules(); assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def test_every_entry_names_a_known_source_and_says_why():
    entries = RAW["factor"] + RAW["cue"] + RAW["gendered"] + RAW["note"] + [RAW["pronouns"]]
    for entry in entries:
        assert entry["source"] in RAW["sources"], entry
        assert entry["comment"].strip(), entry
    assert {"richtlijn", "eige", "igvm"} <= set(RAW["sources"])


def test_the_four_factors_are_those_of_the_directive():
    assert tuple(f.key for f in RULES.factors) == FACTORS == ("skills", "effort", "responsibility", "working_conditions")
    assert {a.key for a in RULES.factor("effort").aspects} >= {"mental", "physical", "emotional"}
    assert {a.key for a in RULES.factor("responsibility").aspects} >= {"people", "information", "finances", "materials"}
    assert {a.key for a in RULES.factor("working_conditions").aspects} >= {"physical", "psychological"}


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["cue"][0].update(source="wikipedia"), "onbekende bron 'wikipedia'"),
        (lambda d: d["cue"][0].pop("comment"), "'comment' ontbreekt"),
        (lambda d: d["cue"][0].update(aspect="moed"), "onbekend aspect 'moed'"),
        (lambda d: d["cue"][0].update(parts=["kas"]), "minstens 5 letters"),
        (lambda d: d["cue"][0].update(terms=["kennis", "kennis"]), "twee keer"),
        (lambda d: d["gendered"][0].update(forms=["medewerkster"]), "staat al bij een andere regel"),
        (lambda d: d["gendered"][0].update(forms=["secretaris vrouw"]), "één woord"),
        (lambda d: d["gendered"][0].pop("alternative"), "'alternative' ontbreekt"),
        (lambda d: d["factor"].pop(), "de factoren zijn precies"),
        (lambda d: d["cue"][0].update(colour="rood"), "onbekende sleutel(s) colour"),
        (lambda d: d.pop("pronouns"), "pronouns"),
    ],
)
def test_a_broken_entry_is_refused_on_load_with_its_place(change, message):
    data = tomllib.loads(neutrality.RULES_PATH.read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(NeutralityDataError) as error:
        neutrality.rules_from_data(data)
    assert message in str(error.value)
    assert str(error.value).startswith("neutrality.toml")


def test_a_file_that_is_no_toml_is_refused(tmp_path):
    path = tmp_path / "neutrality.toml"
    path.write_text("[[cue]\n", encoding="utf-8")
    with pytest.raises(NeutralityDataError, match="geen geldige TOML"):
        load_rules(path)


def test_every_cue_word_finds_its_factor_and_aspect():
    for cue in RAW["cue"]:
        for word in cue.get("terms", []) + cue.get("exact", []):
            found = check_text(f"In deze functie gaat het om {word} in het dagelijkse werk.").factors[cue["factor"]]
            assert found and cue["aspect"] in found[0].aspects, (cue["factor"], cue["aspect"], word)
        for part in cue.get("parts", []):
            found = check_text(f"In deze functie gaat het om de {part}zaken van de afdeling.").factors[cue["factor"]]
            assert found and cue["aspect"] in found[0].aspects, (cue["factor"], cue["aspect"], part)


def test_every_gendered_form_is_flagged_with_its_alternative():
    for entry in RAW["gendered"]:
        for form in entry["forms"]:
            found = gendered_of(f"De {form} van de afdeling regelt de agenda en de post.")
            assert found == [(form, "title", entry["alternative"])], form


# --- factors found and missed ----------------------------------------------------------------

SKILLS = "Je hebt een hbo-opleiding en ruime ervaring met notuleren."
EFFORT = "Je werkt nauwkeurig onder tijdsdruk en vangt boze bellers op."
RESPONSIBILITY = "Je beheert het budget van de raad en de vertrouwelijke dossiers."
CONDITIONS = "De vergaderingen vallen vaak in de avonduren."
NEUTRAL_TASKS = "Je maakt de agenda op. Je verstuurt de stukken. Je zet de zaal klaar."


@pytest.mark.parametrize(
    "text, factor",
    [(SKILLS, "skills"), (EFFORT, "effort"), (RESPONSIBILITY, "responsibility"), (CONDITIONS, "working_conditions")],
)
def test_each_factor_is_found_in_its_sentence_and_only_there(text, factor):
    check = check_text(f"{NEUTRAL_TASKS} {text}")
    assert [s.text for s in check.factors[factor]] == [text]
    assert factors_of(NEUTRAL_TASKS) == set()


def test_a_factor_the_text_leaves_out_is_an_empty_list():
    assert check_text(SKILLS).as_dict()["factors"] == {
        "skills": [SKILLS], "effort": [], "responsibility": [], "working_conditions": [],
    }


@pytest.mark.parametrize(
    "text, factor, aspect",
    [
        ("Je blijft rustig bij agressie aan de balie.", "effort", "emotional"),
        ("Je vangt klachten van ouders op.", "effort", "emotional"),
        ("Het werk vraagt tillen van dozen met archiefstukken.", "effort", "physical"),
        ("Je werkt geconcentreerd aan complexe dossiers.", "effort", "mental"),
        ("Je begeleidt nieuwe collega's en stagiairs.", "responsibility", "people"),
        ("Je beheert de kas en controleert facturen.", "responsibility", "finances"),
        ("Je beheert de apparatuur in de vergaderzalen.", "responsibility", "materials"),
        ("Je werkt met vertrouwelijke gegevens.", "responsibility", "information"),
        ("Je werkt met tact en empathie.", "skills", "communication"),
        ("Er is sprake van psychische belasting.", "working_conditions", "psychological"),
        ("Je hebt storingsdienst in het weekend.", "working_conditions", "physical"),
    ],
)
def test_aspects_are_told_apart(text, factor, aspect):
    assert aspect in check_text(text).factors[factor][0].aspects


@pytest.mark.parametrize(
    "text",
    [
        "Je rapporteert aan de leidinggevende van de afdeling.",  # a reporting line, not leading people
        "Je zorgt voor de fysieke archivering van de stukken.",  # paper, not physical effort
        "Je draagt zorg voor de verslaglegging.",  # "dragen" is no lifting
        "Je werkt samen met collega's buiten de afdeling.",  # "buiten" is no outdoor work
    ],
)
def test_words_whose_stem_is_too_wide_do_not_count(text):
    check = check_text(text)
    assert not check.factors["effort"] and not check.factors["working_conditions"]
    assert not any("people" in s.aspects for s in check.factors["responsibility"])


# --- gendered forms --------------------------------------------------------------------------


def test_a_compound_gets_the_neutral_word_in_its_place():
    [(text, kind, alternative)] = gendered_of("De directiesecretaresse plant de agenda van het bestuur.")
    assert (text, kind) == ("directiesecretaresse", "title")
    assert alternative.startswith("directiesecretaris")


def test_only_hij_for_the_jobholder_is_flagged_once_with_a_count():
    text = "Hij organiseert de vergaderingen. Hij notuleert en bewaakt de actiepunten. Wij vragen hem ervaring."
    found = check_text(text).gendered
    assert [(g.text, g.kind, g.count) for g in found] == [("Hij", "pronoun", 2), ("hem", "pronoun", 1)]
    assert found[0].alternative.startswith("hij of zij")


def test_only_singular_zij_for_the_jobholder_is_flagged():
    found = gendered_of("De medewerker ontvangt bezoekers. Zij verzorgt de post en zij is het aanspreekpunt.")
    assert [(t, k) for t, k, _ in found] == [("Zij", "pronoun")]


@pytest.mark.parametrize(
    "text",
    [
        "Hij of zij organiseert de vergaderingen en bewaakt de actiepunten.",
        "De medewerker organiseert de vergaderingen; hij/zij bewaakt de actiepunten.",
        "Wie beoordeelt zijn/haar functioneren? De secretaris notuleert.",
        "De leden van de raad vergaderen maandelijks; zij ontvangen de stukken vooraf.",  # plural "zij"
        "De secretaris van de raad en de medewerker secretariaat plannen de vergaderingen.",
        "Je bent klantgericht en stressbestendig; je vangt boze bellers op.",
    ],
)
def test_neutral_texts_are_not_flagged(text):
    assert check_text(text).gendered == ()


def test_the_sources_own_masculine_form_note_is_shown_as_a_note():
    note = "Omwille van de leesbaarheid wordt de mannelijke vorm gebruikt om bepaalde rollen te beschrijven."
    [(text, kind, alternative)] = gendered_of(note + " De medewerker beantwoordt vragen.")
    assert (text, kind) == (note, "note")
    assert "voor iedereen" in alternative


def test_the_contract_shape():
    data = check_text("De secretaresse is verantwoordelijk voor het archief. Hij notuleert.").as_dict()
    assert set(data) == {"factors", "gendered"}
    assert set(data["factors"]) == set(FACTORS)
    assert all(isinstance(v, list) for v in data["factors"].values())
    assert {"text": "secretaresse", "alternative": "secretaris / medewerker secretariaat"}.items() <= data["gendered"][0].items()


# --- beside a family -------------------------------------------------------------------------

FAMILY = [
    CriterionFactors("Kennisniveau", ("skills",), ("Kennis op hbo-niveau",)),
    CriterionFactors("Kerntaken", ("responsibility",), ("Beheert het archief van het medezeggenschapsorgaan",)),
    CriterionFactors("Inconveniënten", ("effort", "working_conditions"), ("Psychische belasting",)),
]


def questions(text: str, family=FAMILY) -> list[str]:
    return [q.text for q in compare(check_text(text), family).questions]


def test_missing_emotional_effort_becomes_a_question_about_the_description():
    asked = questions(f"{SKILLS} Je werkt nauwkeurig en geconcentreerd. Je beheert het archief.")
    assert any(
        q.startswith("De beschrijving zegt niets over emotionele belasting; de familie waardeert die wel (Inconveniënten: „Psychische belasting”)")
        for q in asked
    )
    assert any(q.startswith("De beschrijving zegt niets over werkomstandigheden") for q in asked)
    assert all(q.endswith("?") for q in asked)  # questions for the adviser, never a verdict


def test_a_soft_skill_no_criterion_values_is_asked_about():
    asked = questions("Je vangt boze bellers op en blijft rustig bij klachten. Je hebt een hbo-opleiding.", family=FAMILY[:2])
    assert any("emotionele belasting" in q and "ondergewaardeerd" in q for q in asked)


def test_a_family_without_factors_asks_nothing():
    unmapped = [CriterionFactors(c.name, (), c.texts) for c in FAMILY]
    comparison = compare(check_text(SKILLS), unmapped)
    assert comparison.questions == () and not comparison.mapped
