"""Site-wide invariants: every URL pattern, walked with valid and garbage arguments, never gives
a 500, and every HTML page it gives has exactly one <h1> and Dutch `lang`.

Patterns are read from the URL configuration, so a new one is walked with garbage arguments
without being listed. To walk it with valid ones too, add its examples to VALID (path
arguments) or QUERIES (query strings).
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from profiles.models import Level

SKIPPED_NAMESPACES = {"admin"}  # Django's own pages, tested by Django
SLUGS = ["ambtelijk-secretaris", "div-ict", "administratief-ondersteuner", "secretariele-ondersteuning-vo"]

VALID = {
    "profiles:family_detail": [{"slug": slug} for slug in SLUGS],
    "profiles:family_matrix_pdf": [{"slug": slug} for slug in SLUGS],
    "api:family_detail": [{"slug": slug} for slug in SLUGS],
    "profiles:family_criteria": [{"slug": slug} for slug in SLUGS],
    "profiles:beheer:family_versions": [{"slug": slug} for slug in SLUGS],
    "profiles:beheer:family_version": [{"slug": "div-ict", "number": 1}],
}


def compare_queries() -> list[str]:
    ids = {(lvl.family.slug, lvl.rank): lvl.id for lvl in Level.objects.select_related("family")}
    return [
        f"?niveau={ids['ambtelijk-secretaris', 1]}&niveau={ids['ambtelijk-secretaris', 2]}",
        f"?niveau={ids['div-ict', 1]}&niveau={ids['div-ict', 2]}&niveau={ids['div-ict', 3]}&niveau={ids['div-ict', 4]}",
        f"?niveau={ids['div-ict', 2]}&niveau={ids['secretariele-ondersteuning-vo', 3]}",
    ]


QUERIES = {
    "profiles:family_list": [
        "?zoek=notuleren", "?zoek=archiefbescheiden", "?zoek=klachten", "?systeem=rijk&schaal=schaal-6",
        "?met_schaal=nee", "?land=Nederland&sector=Zorg",
    ],
    "profiles:level_compare": compare_queries,
    "profiles:beheer:export": ["?formaat=xlsx", "?formaat=zip"],
    "grading:submission_list": ["?weergave=alle", "?weergave=alle&status=ingediend&sorteer=wachttijd"],
    "grading:decisions_export": ["?weergave=alle"],
    "accounts:security_log": ["?pagina=2", "?pagina=abc", "?pagina=-1"],
}

GARBAGE_ARGUMENTS = {
    "int": ["0", "2147483648", "99999999999999999999"],
    "slug": ["bestaat-niet", "x" * 300, "-"],
    "str": ["bestaat niet", "%00", "ü" * 50],
    "path": ["../../etc/passwd", "a/b/c"],
    "uuid": ["00000000-0000-0000-0000-000000000000"],
}
GARBAGE_QUERIES = [
    "?zoek=%00%ff", "?zoek=" + "klacht" * 500, "?zoek=<script>alert(1)</script>", "?systeem=%27%22",
    "?schaal=&met_schaal=misschien&land=Mars", "?niveau=abc", "?niveau=1&niveau=1",
    "?niveau=-1&niveau=0", "?niveau=" + "&niveau=".join(map(str, range(1, 40))), "?niveau=9999999999999999999999&niveau=1",
    "?page=-1&sort=%3Bdrop",
]


def walk(patterns, namespace: str = "", prefix_converters: dict | None = None):
    """(name, converters) of every named pattern, namespaced like reverse() wants it."""
    for entry in patterns:
        converters = dict(prefix_converters or {}) | dict(entry.pattern.converters)
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner, converters)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", converters


def converter_kind(converter) -> str:
    return type(converter).__name__.removesuffix("Converter").lower()


def urls_of(name: str, converters: dict) -> tuple[list[str], list[str]]:
    """(valid URLs, garbage URLs) for one pattern."""
    if converters:
        valid = [reverse(name, kwargs=kwargs) for kwargs in VALID.get(name, [])]
        garbage = []
        for key, converter in converters.items():
            for value in GARBAGE_ARGUMENTS.get(converter_kind(converter), ["x"]):
                kwargs = dict(VALID.get(name, [{}])[0]) if VALID.get(name) else {}
                kwargs.update({k: GARBAGE_ARGUMENTS.get(converter_kind(c), ["x"])[0] for k, c in converters.items() if k not in kwargs})
                kwargs[key] = value
                try:
                    garbage.append(reverse(name, kwargs=kwargs))
                except Exception:  # the converter refuses the value: the URL cannot be asked for
                    continue
        return valid, garbage
    base = reverse(name)
    queries = QUERIES.get(name, [])
    queries = queries() if callable(queries) else queries
    return [base, *(base + q for q in queries)], [base + q for q in GARBAGE_QUERIES]


def check_page(client: Client, url: str) -> bool:
    """Checks one URL; tells whether it gave an HTML page."""
    response = client.get(url)
    assert response.status_code < 500, url
    is_html = response.get("Content-Type", "").startswith("text/html")
    if is_html and response.content and not 300 <= response.status_code < 400:
        html = response.content.decode()
        assert html.count("<h1") == 1, url
        assert '<html lang="nl"' in html, url
    return is_html


@pytest.fixture
def admin_client_logged_in(db):
    user = get_user_model().objects.create(username="beheer", is_staff=True, is_superuser=True)  # no hashing
    client = Client()
    client.force_login(user)
    return client


PATTERNS = sorted(walk(get_resolver().url_patterns))


def test_the_walk_finds_the_profile_pages():
    names = {name for name, _ in PATTERNS}
    assert {"profiles:home", "profiles:family_list", "profiles:family_detail", "profiles:level_compare"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("name, converters", PATTERNS, ids=[name for name, _ in PATTERNS])
def test_valid_and_garbage_arguments_never_give_a_500(client, admin_client_logged_in, name, converters):
    valid, garbage = urls_of(name, converters)
    for url in valid + garbage:
        if check_page(client, url) or url in garbage:  # a PDF or JSON looks the same when logged in
            check_page(admin_client_logged_in, url)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/bestaat-niet/", "/profielen/bestaat-niet/", "/vergelijk/?niveau=abc"])
def test_error_pages_are_dutch_with_one_h1(client, url):
    response = client.get(url)
    assert 400 <= response.status_code < 500
    html = response.content.decode()
    assert html.count("<h1") == 1 and '<html lang="nl"' in html


@pytest.mark.django_db
def test_the_main_menu_marks_the_current_section(client):
    html = client.get("/profielen/div-ict/").content.decode()
    assert '<a href="/profielen/" aria-current="page">' in html
    assert '<a href="/vergelijk/" aria-current="page">' not in html
