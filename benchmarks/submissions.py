"""Load test of the submit → result path: concurrent managers against a running server.

Each manager logs in through the login page, then repeatedly posts a role description to
/indelen/ and follows the 303 to the result page, the way a browser does. The time of that pair
is what a manager waits for. Plain http.client, so nothing beyond the standard library.
"""

import http.client
import json
import secrets
import statistics
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model

from grading.models import Submission
from grading.roles import MANAGER, ensure_roles

BENCH_PREFIX = "benchmark-leidinggevende-"
FALLBACK_TEXTS = [
    "De medewerker documentaire informatievoorziening registreert inkomende post en digitaliseert "
    "documenten, vormt dossiers in het DMS en beantwoordt vragen van collega's. Mbo-opleiding.",
    "De ambtelijk secretaris ondersteunt de ondernemingsraad, bereidt vergaderingen voor, notuleert "
    "en bewaakt de voortgang van besluiten. Zij adviseert de voorzitter over procedures.",
]


def role_texts(cases: Path) -> list[str]:
    if cases.is_file():
        texts = [json.loads(line)["text"] for line in cases.read_text(encoding="utf-8").splitlines() if line.strip()]
        if texts:
            return texts
    return FALLBACK_TEXTS


def make_managers(count: int) -> list[tuple[str, str]]:
    """Benchmark managers with fresh passwords: [(username, password)]."""
    group = ensure_roles()[MANAGER]
    User = get_user_model()
    managers = []
    for number in range(1, count + 1):
        username = f"{BENCH_PREFIX}{number}"
        password = secrets.token_urlsafe(16)
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(password)
        user.save()
        user.groups.add(group)
        managers.append((username, password))
    return managers


def remove_benchmark_data() -> int:
    """Delete the benchmark managers and everything they submitted; returns the number of submissions."""
    users = get_user_model().objects.filter(username__startswith=BENCH_PREFIX)
    count, _ = Submission.objects.filter(author__in=users).delete()
    users.delete()
    return count


class Browser:
    """A minimal cookie-keeping HTTP client that does not follow redirects."""

    def __init__(self, base_url: str, *, secure: bool, timeout: float):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.headers = {}
        allowed = settings.ALLOWED_HOSTS
        if allowed and "*" not in allowed and self.host not in allowed:
            self.headers["Host"] = allowed[0].lstrip(".")
        self.secure = secure
        self.origin = f"{'https' if secure else 'http'}://{self.headers.get('Host', parts.netloc)}"
        if secure:  # behind a proxy that terminates TLS, as in production
            self.headers["X-Forwarded-Proto"] = "https"

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, dict, bytes]:
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = self.origin + path
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, dict(response.headers), content
        finally:
            connection.close()

    def log_in(self, username: str, password: str) -> None:
        self.request("GET", "/accounts/login/")
        status, headers, _ = self.request("POST", "/accounts/login/", {
            "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), "username": username,
            "password": password, "next": "/indelen/",
        })
        if status != 302:
            raise RuntimeError(f"login of {username} failed with HTTP {status}")

    def submit_and_read(self, title: str, text: str) -> float:
        """Seconds from posting the form to having the result page; raises on any other answer."""
        started = time.perf_counter()
        status, headers, _ = self.request("POST", "/indelen/", {
            "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), "title": title, "text": text,
        })
        if status != 303:
            raise RuntimeError(f"submit gave HTTP {status}")
        status, _, _ = self.request("GET", urlsplit(headers["Location"]).path)
        if status != 200:
            raise RuntimeError(f"result page gave HTTP {status}")
        return time.perf_counter() - started


@dataclass
class LoadResult:
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")

    def summary(self, managers: int) -> str:
        if not self.seconds:
            return f"submit→result: no successful requests ({len(self.errors)} errors: {self.errors[:3]})"
        ms = [s * 1000 for s in self.seconds]
        return (
            f"submit→result with {managers} concurrent managers: {len(ms)} requests in {self.wall:.1f} s, "
            f"p50 {self.percentile(0.5) * 1000:.0f} ms, p95 {self.percentile(0.95) * 1000:.0f} ms, "
            f"max {max(ms):.0f} ms, mean {statistics.fmean(ms):.0f} ms, errors {len(self.errors)}"
        )


def run_load(*, base_url: str | list[str], managers: list[tuple[str, str]], rounds: int, texts: list[str],
             deadline: float, secure: bool, timeout: float = 30.0, warmup: bool = True) -> LoadResult:
    """Every manager logs in, warms up once, then submits `rounds` times (or until the deadline).

    With several base URLs (servers on one database) the managers are spread over them in turn."""
    base_urls = [base_url] if isinstance(base_url, str) else list(base_url)
    result = LoadResult()
    lock = threading.Lock()
    ready = threading.Barrier(len(managers))

    def manager_loop(number: int, username: str, password: str) -> None:
        browser = Browser(base_urls[number % len(base_urls)], secure=secure, timeout=timeout)
        try:
            browser.log_in(username, password)
            browser.request("GET", "/indelen/")
            if warmup:  # the first request of a process builds the engine index
                browser.submit_and_read("Opwarmen", texts[number % len(texts)])
        except Exception as error:  # noqa: BLE001 - reported, not hidden
            with lock:
                result.errors.append(f"{username}: {error}")
        try:
            ready.wait(timeout=timeout)
        except threading.BrokenBarrierError:
            pass
        for round_number in range(rounds):
            if time.monotonic() > deadline:
                break
            text = texts[(number + round_number) % len(texts)]
            try:
                seconds = browser.submit_and_read(f"Benchmark {number}.{round_number}", text)
            except Exception as error:  # noqa: BLE001
                with lock:
                    result.errors.append(f"{username}: {error}")
                continue
            with lock:
                result.seconds.append(seconds)

    threads = [
        threading.Thread(target=manager_loop, args=(number, username, password), daemon=True)
        for number, (username, password) in enumerate(managers)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, deadline - time.monotonic() + timeout))
    result.wall = time.perf_counter() - started
    return result
