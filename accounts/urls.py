"""/accounts/ pages of this app (beside grading/urls_accounts.py, which has login, logout and
the password reset): accepting an invitation. No namespace: the mail names `invitation_accept`."""

from django.urls import path

from accounts import views_invitation

urlpatterns = [
    path("uitnodiging/<uidb64>/<token>/", views_invitation.InvitationAcceptView.as_view(), name="invitation_accept"),
]
