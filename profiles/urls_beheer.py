from django.urls import path

from profiles import views_beheer, views_objection_routes, views_organisation

app_name = "beheer"

urlpatterns = [
    path("", views_beheer.index, name="index"),
    path("importeren/", views_beheer.upload, name="upload"),
    path("importeren/<uuid:pk>/", views_beheer.upload_preview, name="upload_preview"),
    path("families/<slug:slug>/", views_beheer.family_versions, name="family_versions"),
    path("families/<slug:slug>/versie/<int:number>/", views_beheer.family_version, name="family_version"),
    path("sjabloon.xlsx", views_beheer.template, name="template"),
    path("export/", views_beheer.export, name="export"),
    path("organisatie/", views_organisation.organisation, name="organisation"),
    path("bezwaarroutes/", views_objection_routes.route_list, name="objection_routes"),
    path("bezwaarroutes/stap/<int:pk>/termijn/", views_objection_routes.step_term, name="objection_step_term"),
]
