import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from profiles.models import Level

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def level_ids(slug: str) -> list[int]:
    return list(Level.objects.filter(family__slug=slug).order_by("rank").values_list("id", flat=True))


def test_the_list_filters_by_system_and_searches_in_dutch(browser_page):
    page = browser_page
    page.goto("/profielen/")
    expect(page.locator(".family-card")).to_have_count(4)
    page.get_by_label("Waarderingssysteem").select_option(label="Rijk salarisschalen (BBRA) met FuWaSys-functietypering")
    page.get_by_role("button", name="Zoeken en filteren").click()
    expect(page).to_have_url(re.compile(r"/profielen/\?.*systeem=rijk"))  # a URL to bookmark
    expect(page.locator(".family-card")).to_have_count(1)
    page.get_by_role("link", name="Alles wissen").click()
    page.get_by_label("Zoek in alle teksten").fill("notuleren")
    page.keyboard.press("Enter")
    expect(page.locator(".family-card h3")).to_have_text(
        ["Ambtelijk secretaris", "Secretariële ondersteuning, coördinatie en mediatheek (voortgezet onderwijs)"]
    )
    expect(page.locator("mark").first).to_be_visible()
    expect(page.locator("mark", has_text="notuleren")).to_have_count(1)


def test_the_matrix_shows_idem_plus_with_the_addition_highlighted(browser_page):
    page = browser_page
    page.goto("/profielen/ambtelijk-secretaris/")
    row = page.locator("tr", has=page.locator("th", has_text="Uitvoerende werkzaamheden"))
    fg50 = row.locator("td").nth(1)
    expect(fg50.locator(".tag-idem")).to_have_text("Idem +")
    added = fg50.locator("li.added")
    expect(added).to_have_count(1)
    expect(added.locator(".tag-new")).to_have_text("nieuw")
    background = added.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    inherited = fg50.locator("details.inherited li", has_text="Organiseert verkiezingen")
    expect(inherited).to_be_hidden()
    fg50.locator("summary").click()
    expect(inherited).to_be_visible()
    colour = inherited.evaluate("el => getComputedStyle(el).color")
    assert colour != added.evaluate("el => getComputedStyle(el).color")  # muted


def test_a_level_links_to_the_comparison_with_the_level_above(browser_page):
    page = browser_page
    fg45, fg50 = level_ids("ambtelijk-secretaris")
    page.goto("/profielen/ambtelijk-secretaris/")
    page.locator("#niveau-1").get_by_role("link", name="vergelijk met het niveau erboven").click()
    expect(page).to_have_url(re.compile(rf"/vergelijk/\?niveau={fg45}&niveau={fg50}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Niveaus vergelijken")
    row = page.locator("tr", has=page.locator("th", has_text="Uitvoerende werkzaamheden"))
    expect(row.locator("td").nth(1).locator("li.added")).to_have_count(1)
    expect(row.locator("td").nth(0).locator("li.added")).to_have_count(0)


def test_the_comparison_across_families_warns_that_grades_are_not_equated(browser_page):
    page = browser_page
    page.goto("/vergelijk/")
    page.get_by_label("Ambtelijk secretaris FG 50").check()
    page.get_by_label("Medewerker informatiebeheer/ICT/techniek schaal 8").check()
    page.get_by_role("button", name="Vergelijken").click()
    expect(page.locator(".cross-family")).to_contain_text("niet aan elkaar gelijkgesteld")
    expect(page.locator("section.comparison h2")).to_have_count(3)  # side by side, then each family


def test_levels_of_different_families_stand_side_by_side(browser_page):
    page = browser_page
    fg50 = level_ids("ambtelijk-secretaris")[1]
    schaal6, schaal7 = level_ids("div-ict")[1:3]
    page.goto(f"/vergelijk/?niveau={fg50}&niveau={schaal6}&niveau={schaal7}")
    table = page.get_by_role("table", name=re.compile("3 niveaus uit 2 families"))
    expect(table.get_by_role("columnheader", name=re.compile("Ambtelijk secretaris"))).to_have_count(2)
    row = table.locator("tr", has=page.locator("th", has_text="Zelfstandigheid"))
    cells = row.locator("td")
    expect(cells).to_have_count(3)
    expect(cells.nth(0)).to_have_text("Geen criterium hiervoor in de bron")
    expect(cells.nth(1).locator(".source-criterion")).to_have_text("Speelruimte/kaders")
    expect(cells.nth(1).locator("li.added")).to_have_count(0)
    expect(cells.nth(2).locator("li.added").first).to_be_visible()
    # The columns of one row line up: the levels really stand side by side, not stacked.
    boxes = [cells.nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["y"] == boxes[1]["y"] == boxes[2]["y"]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    # A family's first column is set apart from the family before it.
    assert cells.nth(1).evaluate("el => parseFloat(getComputedStyle(el).borderLeftWidth)") >= 2
    assert cells.nth(2).evaluate("el => parseFloat(getComputedStyle(el).borderLeftWidth)") < 2


def test_a_single_level_gets_a_dutch_message(browser_page):
    page = browser_page
    response = page.goto(f"/vergelijk/?niveau={level_ids('div-ict')[0]}")
    assert response.status == 400
    expect(page.get_by_role("alert")).to_contain_text("Kies minstens twee niveaus")


def test_keyboard_focus_is_visible(browser_page):
    page = browser_page
    page.goto("/profielen/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["x"] >= 0  # on screen once focused
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    style = focused.evaluate("el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }")
    assert style[0] != "none" and float(style[1].removesuffix("px")) >= 2
    search = page.get_by_label("Zoek in alle teksten")
    search.focus()
    assert search.evaluate("el => getComputedStyle(el).outlineStyle") != "none"


def axe_pages() -> list[str]:
    fg45, fg50 = level_ids("ambtelijk-secretaris")
    schaal6 = level_ids("div-ict")[1]
    return [
        "/",
        "/profielen/",
        "/profielen/?zoek=klachten",
        "/profielen/?systeem=bestaat-niet",
        "/profielen/ambtelijk-secretaris/",
        "/profielen/div-ict/",
        "/profielen/administratief-ondersteuner/",
        "/profielen/secretariele-ondersteuning-vo/",
        "/vergelijk/",
        f"/vergelijk/?niveau={fg45}&niveau={fg50}",
        f"/vergelijk/?niveau={fg50}&niveau={schaal6}",
        f"/vergelijk/?niveau={fg50}&niveau={schaal6}&niveau={level_ids('div-ict')[2]}"
        f"&niveau={level_ids('administratief-ondersteuner')[2]}",
        "/vergelijk/?niveau=abc",
        "/bestaat-niet/",
    ]


def test_axe_finds_no_violations_on_any_page_type(browser_page):
    page = browser_page
    axe = Axe()
    failures = {}
    for url in axe_pages():
        page.goto(url)
        for details in page.locator("details").all():  # check the collapsed text too
            details.evaluate("el => el.open = true")
        results = axe.run(page)
        if results.violations_count:
            failures[url] = results.generate_report()
    assert not failures, "\n".join(f"{url}:\n{report}" for url, report in failures.items())
