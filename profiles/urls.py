from django.urls import include, path

from profiles import views, views_help

app_name = "profiles"

urlpatterns = [
    path("", views.home, name="home"),
    path("profielen/", views.family_list, name="family_list"),
    path("profielen/sekseneutraliteit/", views.neutrality_overview, name="neutrality_overview"),
    path("profielen/<slug:slug>/", views.family_detail, name="family_detail"),
    path("profielen/<slug:slug>/criteria/", views.family_criteria, name="family_criteria"),
    path("profielen/<slug:slug>/matrix.pdf", views.family_matrix_pdf, name="family_matrix_pdf"),
    path("vergelijk/", views.level_compare, name="level_compare"),
    path("help/bestandsformaat/", views_help.file_format, name="file_format"),
    path("beheer/", include("profiles.urls_beheer")),
]
