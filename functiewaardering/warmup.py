"""What the gunicorn master loads before it forks, so no worker pays for it on a user's request.

Measured per worker, the first request cost 0.5 to 1 s of CPU (every view module imported, with
WeasyPrint and the spreadsheet and PDF readers), the first result page about 100 ms more
(templates compiled) and the first result page of each family about 50 ms more (its rows read
for the caches). Done once in the master, each worker is forked with all of it in memory. The
catalogue caches are keyed on the data version like any other entry: after a change, a worker
refills them on its own first request, as before.
"""

from pathlib import Path

import django.forms
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.forms.renderers import get_default_renderer
from django.template.loader import get_template
from django.urls import get_resolver

TEMPLATE_SUFFIXES = (".html", ".txt")


def import_views() -> None:
    """Resolve the URL patterns (that imports every view module and what they import) and open
    the static files' manifest that `{% static %}` reads."""
    get_resolver().url_patterns
    staticfiles_storage.location  # a lazy object: touching it loads the manifest


def _template_names(directory: Path) -> list[str]:
    return sorted(
        str(path.relative_to(directory)) for path in directory.rglob("*") if path.suffix in TEMPLATE_SUFFIXES
    )


def compile_templates() -> int:
    """Compile the project's templates and the form widgets' into the cached loaders."""
    count = 0
    for directory in (Path(d) for template in settings.TEMPLATES for d in template.get("DIRS", [])):
        for name in _template_names(directory):
            get_template(name)
            count += 1
    renderer = get_default_renderer()
    widgets = Path(django.forms.__file__).parent / "templates"
    for name in _template_names(widgets):
        renderer.get_template(name)
        count += 1
    return count


def warm_catalogue_caches() -> int:
    """Fill the per-data-version caches the submit and result pages read; returns the families."""
    from grading import neutrality
    from grading.selectors import catalogue_refs
    from grading.submission_neutrality import family_criterion_factors
    from grading.submission_selectors import family_with_levels
    from profiles.models import JobFamily
    from profiles.selectors import catalogue_key

    key = catalogue_key()
    catalogue_refs(key=key)
    families = list(JobFamily.objects.order_by("slug"))
    for family in families:
        family_with_levels(slug=family.slug)
        family_criterion_factors(family, key=key)
    neutrality.check_text("De medewerker plant het werk.")  # loads the check's rules and word index
    return len(families)
