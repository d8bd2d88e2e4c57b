"""Nothing in a PDF may reach beyond the project's static files."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from weasyprint import HTML

from functiewaardering.pdf import PDF_BASE_URL, StaticFilesOnly


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/style.css",
        "https://example.org/static/css/site.css",
        "http://pdf.invalid/static/css/site.css",
        "file:///etc/passwd",
        "file:///work/main/static/css/site.css",
        "data:text/css,body{color:red}",
        f"{PDF_BASE_URL}static/../functiewaardering/settings.py",
        f"{PDF_BASE_URL}static/css/../../functiewaardering/settings.py",
        f"{PDF_BASE_URL}static/%2e%2e/functiewaardering/settings.py",
        f"{PDF_BASE_URL}static/css/does-not-exist.css",
        f"{PDF_BASE_URL}etc/passwd",
    ],
)
def test_it_refuses_everything_but_a_static_file(url):
    with pytest.raises(ValueError):
        StaticFilesOnly().fetch(url)


def test_it_serves_a_static_file():
    response = StaticFilesOnly().fetch(f"{PDF_BASE_URL}static/css/pdf.css")
    assert b"size: A4 landscape" in response.read()
    assert response.headers.get_content_type() == "text/css"


class CountingHandler(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):
        CountingHandler.hits += 1
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_pdf_with_a_remote_image_and_stylesheet_never_fetches_them():
    server = HTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        address = f"http://127.0.0.1:{server.server_port}"
        html = f'<link rel="stylesheet" href="{address}/a.css"><p>Tekst</p><img src="{address}/b.png">'
        pdf = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticFilesOnly()).write_pdf()
    finally:
        server.shutdown()
    assert pdf.startswith(b"%PDF") and CountingHandler.hits == 0


def test_it_serves_the_hashed_name_that_production_links(production_static):
    from django.templatetags.static import static

    hashed = static("css/pdf.css").lstrip("/")
    assert hashed != "static/css/pdf.css"
    response = StaticFilesOnly().fetch(f"{PDF_BASE_URL}{hashed}")
    assert b"size: A4 landscape" in response.read()
