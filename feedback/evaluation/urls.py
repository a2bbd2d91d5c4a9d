"""URLs of the workshop evaluation pages, included in the feedback namespace."""

from django.urls import path

from feedback.evaluation import views

urlpatterns = [
    path("", views.my_evaluations, name="evaluation-mine"),
    path("workshops/<int:pk>/<str:stage>/", views.evaluation_respond, name="evaluation-respond"),
    path("results/<int:pk>/", views.workshop_evaluation, name="evaluation-workshop"),
    path(
        "results/<int:pk>/confidence.svg",
        views.workshop_evaluation_chart,
        name="evaluation-chart",
    ),
    path("report/", views.change_report, name="evaluation-report"),
    path("outstanding/", views.outstanding, name="evaluation-outstanding"),
]
