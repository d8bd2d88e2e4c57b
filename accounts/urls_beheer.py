from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("gebruikers/", views.user_list, name="user_list"),
    path("gebruikers/uitnodigen/", views.user_invite, name="user_invite"),
    path("gebruikers/<int:pk>/", views.user_detail, name="user_detail"),
    path("gebruikers/<int:pk>/rollen/", views.user_roles, name="user_roles"),
    path("gebruikers/<int:pk>/deactiveren/", views.user_deactivate, name="user_deactivate"),
    path("gebruikers/<int:pk>/activeren/", views.user_reactivate, name="user_reactivate"),
    path("gebruikers/<int:pk>/uitnodiging/", views.invitation_renew, name="invitation_renew"),
    path("gebruikers/<int:pk>/tweestapsverificatie/wissen/", views.user_two_factor_reset, name="user_two_factor_reset"),
    path("beveiligingslog/", views.security_log, name="security_log"),
]
