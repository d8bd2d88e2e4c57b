"""The family's matrix as a PDF, rendered once per data version and kept in the cache.

Rendering takes up to a second or two, so anonymous visitors must not be able to trigger it per
request. The PDF says when it was made and from which data version, never "printed now".
"""

from django.core.cache import cache
from django.utils import timezone

from functiewaardering.pdf import render_pdf
from profiles import selectors, tables

PDF_CACHE_SECONDS = 24 * 60 * 60  # the key holds the data version, so this only frees memory


def family_matrix_pdf(*, slug: str) -> bytes | None:
    """The PDF, or None when the family does not exist."""
    key = selectors.catalogue_cache_key("family-matrix-pdf", slug)
    pdf = cache.get(key)
    if pdf is None:
        family = selectors.family_get(slug=slug)
        if family is None:
            return None
        context = tables.family_page_context(family) | {
            "made_at": timezone.localtime(),
            "data_version": selectors.catalogue_key()[0],
        }
        pdf = render_pdf("pdf/family_matrix.html", context)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf
