"""URLs of the QA observation pages, at /feedback/qa/ where they have always been."""

from django.urls import path

from quality import views

app_name = "quality"

urlpatterns = [
    path("", views.observation_list, name="list"),
    path("plan/", views.observation_plan, name="plan"),
    path("report/", views.qa_report, name="report"),
    path("report/findings.svg", views.qa_report_chart, name="report-chart"),
    path("<int:pk>/", views.observation_detail, name="detail"),
    path("<int:pk>/before/", views.observation_before, name="before"),
    path("<int:pk>/during/", views.observation_during, name="during"),
    path("<int:pk>/after/", views.observation_after, name="after"),
    path("<int:pk>/agree/", views.observation_agree, name="agree"),
]
