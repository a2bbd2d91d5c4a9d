"""URLs of the feedback pages."""

from django.urls import include, path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("r/<str:token>/", views.respond, name="respond"),
    path("sessions/", views.my_sessions, name="my-sessions"),
    path("sessions/<int:pk>/give/", views.session_respond, name="session-respond"),
    path("sessions/<int:pk>/observe/", views.session_observe, name="session-observe"),
    path("workshops/", views.workshop_list, name="workshops"),
    path("workshops/<int:pk>/links/", views.workshop_links, name="workshop-links"),
    path("mine/", views.my_feedback, name="mine"),
    path("mine/<int:pk>/", views.response_detail, name="response-detail"),
    path("responses/<int:pk>/withdraw/", views.response_withdraw, name="response-withdraw"),
    path("reports/", views.report, name="report"),
    path("reports/agreement.svg", views.agreement_chart, name="agreement-chart"),
    path("reports/people/<int:pk>/", views.person_report, name="person-report"),
    path("reports/people/<int:pk>/scores.svg", views.person_chart, name="person-chart"),
    path("evaluations/", include("feedback.evaluation.urls")),
]
