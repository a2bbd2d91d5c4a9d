"""URLs of the simulations pages."""

from django.urls import path

from simulations import views

app_name = "simulations"

urlpatterns = [
    path("", views.my_consultations, name="mine"),
    path("representing/", views.representative_sessions, name="representative-sessions"),
    path("scenarios/", views.scenario_list, name="scenario-list"),
    path("scenarios/<int:pk>/", views.scenario_detail, name="scenario-detail"),
    path("scenarios/<int:pk>/letter/", views.scenario_letter, name="scenario-letter"),
    path("workshops/<int:workshop_pk>/rota/", views.rota, name="rota"),
    path("workshops/<int:workshop_pk>/rota/add/", views.session_create, name="session-create"),
    path("sessions/<int:pk>/", views.session_detail, name="session-detail"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session-edit"),
    path("sessions/<int:pk>/delete/", views.session_delete, name="session-delete"),
    path("sessions/<int:pk>/letter/", views.session_letter, name="session-letter"),
    path("sessions/<int:pk>/role-card/", views.session_role_card, name="session-role-card"),
    path("sessions/<int:pk>/care-plan/", views.care_plan_edit, name="care-plan"),
]
