"""URLs of the curriculum's own views; its pages are served by Wagtail below them."""

from django.urls import path

from curriculum import views

app_name = "curriculum"

urlpatterns = [
    path("compare/", views.programme_comparison, name="compare"),
    path("search/", views.search, name="search"),
    path("changes/", views.changes, name="changes"),
]
