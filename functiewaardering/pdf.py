"""The one function that makes every PDF, with a URL fetcher that serves only our static files.

A manager's text ends up in the grading report, so nothing in a PDF may reach the network or
the file system beyond the project's static files (no http, https, data: or other file: paths).
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_BASE_URL = "https://pdf.invalid/"  # never fetched: only its /static/ paths are mapped to files


class StaticFilesOnly(URLFetcher):
    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        static = "/" + settings.STATIC_URL.lstrip("/")
        path = unquote(parts.path)
        found = None
        if parts.scheme == "https" and parts.netloc == "pdf.invalid" and path.startswith(static):
            relative = path.removeprefix(static)
            if ".." not in Path(relative).parts:
                found = finders.find(relative)
        if not found:
            raise ValueError(f"Not allowed in a PDF: {url}")
        mime = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": mime})


def render_pdf(template_name: str, context: dict, request: HttpRequest | None = None) -> bytes:
    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticFilesOnly()).write_pdf()
