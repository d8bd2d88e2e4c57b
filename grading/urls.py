from django.urls import path

from grading import views, views_actions, views_privacy

app_name = "grading"

urlpatterns = [
    path("indelen/", views.submission_new, name="submission_new"),
    path("privacy/", views_privacy.privacy, name="privacy"),
    path("aanvragen/", views.submission_list, name="submission_list"),
    path("aanvragen/export.csv", views_actions.decisions_export, name="decisions_export"),
    path("aanvragen/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("aanvragen/<int:pk>/wijzigen/", views.submission_edit, name="submission_edit"),
    path("aanvragen/<int:pk>/indienen/", views.submission_submit, name="submission_submit"),
    path("aanvragen/<int:pk>/opnieuw-indelen/", views.submission_regrade, name="submission_regrade"),
    path("aanvragen/<int:pk>/in-behandeling/", views.submission_take, name="submission_take"),
    path("aanvragen/<int:pk>/terugsturen/", views.submission_return, name="submission_return"),
    path("aanvragen/<int:pk>/vaststellen/", views.submission_settle, name="submission_settle"),
    path("aanvragen/<int:pk>/overdragen/", views_actions.submission_hand_over, name="submission_hand_over"),
    path("aanvragen/<int:pk>/overnemen/", views_actions.submission_take_over, name="submission_take_over"),
    path("aanvragen/<int:pk>/intrekken/", views_actions.submission_withdraw, name="submission_withdraw"),
    path("aanvragen/<int:pk>/heropenen/", views_actions.submission_reopen, name="submission_reopen"),
    path("aanvragen/<int:pk>/rapport.pdf", views.submission_report, name="submission_report"),
]
