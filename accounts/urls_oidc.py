"""/oidc/: single sign-on. The names are mozilla-django-oidc's; the callback is the redirect
address an organisation registers at its provider (https://<host>/oidc/callback/)."""

from django.urls import path

from accounts import views_oidc

urlpatterns = [
    path("authenticate/", views_oidc.OIDCStartView.as_view(), name="oidc_authentication_init"),
    path("callback/", views_oidc.oidc_callback, name="oidc_authentication_callback"),
]
