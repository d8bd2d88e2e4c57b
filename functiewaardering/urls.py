from django.contrib import admin
from django.urls import include, path

from functiewaardering.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("profiles.urls_api")),
    path("healthz", healthz, name="healthz"),
    path("beheer/", include("accounts.urls_beheer")),
    path("", include("profiles.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("grading.urls_accounts")),
    path("oidc/", include("accounts.urls_oidc")),
    path("", include("grading.urls")),
]

handler400 = "functiewaardering.errors.bad_request"
