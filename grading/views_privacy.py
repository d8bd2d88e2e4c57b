"""The privacy statement: what the application keeps about people, how long, who sees it, and
that the engine advises while a person decides. Public, for staff and for the organisation's DPIA."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from grading.roles import FUNCTIONAL_ADMIN, HR_ADVISER, MANAGER
from profiles.models import PendingUpload


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    context = {
        "retention_days": settings.RETENTION_DAYS,
        "upload_hours": PendingUpload.KEEP_HOURS,
        "session_days": settings.SESSION_COOKIE_AGE // (24 * 60 * 60),
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "security_log_days": settings.SECURITY_LOG_DAYS,
        "two_factor_required": settings.TWO_FACTOR_REQUIRED,
        "manager": MANAGER, "adviser": HR_ADVISER, "administrator": FUNCTIONAL_ADMIN,
    }
    return render(request, "grading/privacy.html", context)
