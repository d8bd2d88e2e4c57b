"""Tracks inside div-ict, and sections that add to a school function. Texts written for these tests."""

from grading import engine
from tests.engine.families import fixture_index

DIV_ROLE = (
    "Als medewerker informatiebeheer bij een gemeente registreer je de inkomende en uitgaande post en zorg "
    "je voor een goede dossiervorming in het documentmanagementsysteem. Je digitaliseert en scant poststukken "
    "en voegt metadata toe. Je bewaakt de bewaartermijnen volgens de selectielijst en bereidt de vernietiging "
    "van archiefbescheiden voor. Collega's kunnen bij jou terecht met vragen over het terugvinden van dossiers. "
    "Je werkt volgens vaste procedures en de Archiefwet. Je hebt een mbo-opleiding niveau 4."
)
ICT_ROLE = (
    "Wij zoeken een ICT-medewerker voor onze servicedesk bij de provincie. Je neemt storingsmeldingen van "
    "gebruikers aan en lost eenvoudige problemen met hardware, software en de werkplek zelf op. Lastige vragen "
    "leg je voor aan de back office of de leverancier. Je ondersteunt bij de installatie en inrichting van "
    "applicaties en systemen en draagt bij aan het beheer van applicaties. Je houdt de administratie van de "
    "calls bij en bewaakt de voortgang van de afhandeling. Een mbo-opleiding ICT op niveau 4 is vereist."
)
SIMPLE_ICT_ROLE = (
    "Op de servicedesk van het waterschap neem je telefonisch meldingen aan over storingen aan de werkplek, "
    "de printer en software. Je registreert elke melding en zet hem door naar de back office. Eenvoudige "
    "vragen van gebruikers beantwoord je zelf met behulp van de handleiding. Je werkt onder begeleiding van "
    "een ervaren collega en volgt vaste instructies."
)
TECHNICAL_ROLE = (
    "De technisch medewerker gebouwbeheer van het ministerie zorgt voor het technisch onderhoud van de "
    "technische installaties zoals verwarming, ventilatie en liften. Hij spoort storingen op en lost ze op of "
    "schakelt externe installateurs in en begeleidt hen bij de uitvoering van hun werk. Hij signaleert "
    "bijzonderheden en stelt aanpassingen voor. Hij houdt de administratie van afgehandelde storingen bij. "
    "Een technische mbo-opleiding is vereist."
)
SCHOOL_ROLE = (
    "Voor onze school voor voortgezet onderwijs zoeken wij een medewerker mediatheek en administratie. Je "
    "verzorgt de leerlingenadministratie en bent vraagbaak voor docenten en leerlingen. In de mediatheek schaf "
    "je boeken en tijdschriften aan, ontsluit en catalogiseer je nieuwe informatiedragers en houd je toezicht "
    "op leerlingen die in de mediatheek werken. Je stelt de begroting van de mediatheek op en beheert het "
    "budget. Daarnaast coördineer je het verzuim van leerlingen: je registreert absenties, controleert de "
    "rechtmatigheid en maakt met leerlingen afspraken over inhaaluren. Je begeleidt twee medewerkers bij hun "
    "werkzaamheden en draagt zorg voor de personele inzet en planning."
)
OTHER_TRACKS_WORDS = ("storing", "installateur", "applicatie")


def _div_ict():
    return fixture_index().families["div-ict"]


def test_a_div_role_gets_the_informatiebeheer_track():
    result = engine.grade(DIV_ROLE, fixture_index())
    assert result.family == "div-ict"
    assert result.track == "Informatiebeheer"


def test_what_a_div_role_misses_for_the_next_level_comes_from_its_own_track_only():
    result = engine.grade(DIV_ROLE, fixture_index())
    other_tracks = {e.text for e in _div_ict().elements if e.track not in ("", "Informatiebeheer")}
    assert result.missing_for_next
    assert not set(result.missing_for_next) & other_tracks
    for text in result.missing_for_next:
        assert not any(word in text.casefold() for word in OTHER_TRACKS_WORDS), text


def test_an_ict_role_gets_the_ict_track_which_starts_at_schaal_6():
    result = engine.grade(ICT_ROLE, fixture_index())
    assert (result.family, result.track) == ("div-ict", "ICT")
    assert _div_ict().family.level(result.track_start_rank).grade == "schaal-6"
    assert result.level_rank >= result.track_start_rank


def test_even_a_simple_ict_role_is_not_placed_below_the_start_of_its_track():
    result = engine.grade(SIMPLE_ICT_ROLE, fixture_index(), family="div-ict")
    assert result.track == "ICT"
    assert result.level_rank >= result.track_start_rank == 2


def test_a_technical_role_gets_the_techniek_track():
    result = engine.grade(TECHNICAL_ROLE, fixture_index())
    assert (result.family, result.track) == ("div-ict", "Techniek")
    informatiebeheer = {e.text for e in _div_ict().elements if e.track == "Informatiebeheer"}
    assert not set(result.missing_for_next) & informatiebeheer


def test_the_school_familys_mediatheek_and_coordinating_sections_are_additions_not_tracks():
    result = engine.grade(SCHOOL_ROLE, fixture_index())
    assert result.family == "secretariele-ondersteuning-vo"
    assert result.track is None and result.track_start_rank is None
    assert set(result.additions) == {"Mediatheek werkzaamheden", "Coördinerende werkzaamheden"}
    assert fixture_index().families["secretariele-ondersteuning-vo"].tracks == ()


def test_a_school_role_without_those_sections_gets_no_additions():
    text = (
        "Op het secretariaat van onze school voor voortgezet onderwijs beantwoord je de telefoon, plan je "
        "afspraken in de agenda van de schoolleiding en verwerk je de post. Je houdt de leerlingenadministratie "
        "bij en maakt notulen van vergaderingen. Je bent het eerste aanspreekpunt voor ouders en leerlingen."
    )
    result = engine.grade(text, fixture_index())
    assert result.family == "secretariele-ondersteuning-vo"
    assert result.additions == ()
