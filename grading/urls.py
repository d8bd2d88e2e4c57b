from django.urls import path

from grading import views, views_actions, views_holders, views_objections, views_privacy

app_name = "grading"

urlpatterns = [
    path("indelen/", views.submission_new, name="submission_new"),
    path("privacy/", views_privacy.privacy, name="privacy"),
    path("aanvragen/", views.submission_list, name="submission_list"),
    path("aanvragen/export.csv", views_actions.decisions_export, name="decisions_export"),
    path("aanvragen/bezwaren/", views_objections.objection_list, name="objection_list"),
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
    path("aanvragen/<int:pk>/bezwaar/", views_objections.objection_new, name="objection_new"),
    path("aanvragen/<int:pk>/bezwaren/<int:objection_pk>/", views_objections.objection_detail, name="objection_detail"),
    path("aanvragen/<int:pk>/bezwaren/<int:objection_pk>/bijlage", views_objections.objection_attachment,
         name="objection_attachment"),
    path("aanvragen/<int:pk>/rapport.pdf", views.submission_report, name="submission_report"),
    path("aanvragen/<int:pk>/functiehouders/", views_holders.submission_holders, name="submission_holders"),
    path("aanvragen/<int:pk>/besluit/<int:holder_pk>.pdf", views_holders.decision_letter, name="decision_letter"),
    path("aanvragen/<int:pk>/besluit/<int:holder_pk>/", views_holders.letter_dates, name="letter_dates"),
]
