from django.urls import path

from profiles import views_api

app_name = "api"

urlpatterns = [
    path("families/", views_api.family_list, name="family_list"),
    path("families/<str:slug>/", views_api.family_detail, name="family_detail"),
]
