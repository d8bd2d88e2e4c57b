"""The one function that makes every PDF, with a URL fetcher that serves only our static files.

A manager's text ends up in the grading report, so nothing in a PDF may reach the network or
the file system beyond the project's static files (no http, https, data: or other file: paths).
"""

import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_BASE_URL = "https://pdf.invalid/"  # never fetched: only its /static/ paths are mapped to files


def static_file(relative: str) -> Path | None:
    """The file behind a static path: the source file (development), or the collected file that
    the manifest storage names with a hash (`css/pdf.1a2b3c.css`, production)."""
    if ".." in PurePosixPath(relative).parts or not relative:
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    try:
        if staticfiles_storage.exists(relative):
            return Path(staticfiles_storage.path(relative))
    except (SuspiciousFileOperation, NotImplementedError):
        pass
    return None


class StaticFilesOnly(URLFetcher):
    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        static = "/" + settings.STATIC_URL.lstrip("/")
        path = unquote(parts.path)
        found = None
        if parts.scheme == "https" and parts.netloc == "pdf.invalid" and path.startswith(static):
            found = static_file(path.removeprefix(static))
        if not found:
            raise ValueError(f"Not allowed in a PDF: {url}")
        mime = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": mime})


def render_pdf(template_name: str, context: dict, request: HttpRequest | None = None) -> bytes:
    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticFilesOnly()).write_pdf()
