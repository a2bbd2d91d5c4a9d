"""URLs of the QA observation pages, included by the feedback app's URLs."""

from django.urls import path

from feedback import qa_views

urlpatterns = [
    path("qa/", qa_views.observation_list, name="qa-list"),
    path("qa/plan/", qa_views.observation_plan, name="qa-plan"),
    path("qa/report/", qa_views.qa_report, name="qa-report"),
    path("qa/report/findings.svg", qa_views.qa_report_chart, name="qa-report-chart"),
    path("qa/<int:pk>/", qa_views.observation_detail, name="qa-detail"),
    path("qa/<int:pk>/before/", qa_views.observation_before, name="qa-before"),
    path("qa/<int:pk>/during/", qa_views.observation_during, name="qa-during"),
    path("qa/<int:pk>/after/", qa_views.observation_after, name="qa-after"),
    path("qa/<int:pk>/agree/", qa_views.observation_agree, name="qa-agree"),
]
