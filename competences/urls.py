"""URLs for competences, assessments and verification."""

from django.urls import path

from competences import import_views, views

app_name = "competences"

urlpatterns = [
    path("", views.my_competences, name="mine"),
    path("people/<int:pk>/", views.person_competences, name="person"),
    path("assess/<int:competence_pk>/", views.self_assess, name="self-assess"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path("assessments/<int:pk>/evidence/", views.add_evidence, name="add-evidence"),
    path("assessments/<int:pk>/request/", views.request_verification, name="request-verification"),
    path("assessments/<int:pk>/verify/", views.verify, name="verify"),
    path("assessments/<int:pk>/return/", views.return_assessment, name="return"),
    path("verify/", views.verification_queue, name="verification-queue"),
    path("frameworks/", views.framework_list, name="frameworks"),
    path("ksf/", views.ksf_list, name="ksf"),
    path("staff/import/", import_views.staff_import_upload, name="staff-import"),
    path("staff/import/columns/", import_views.staff_import_map, name="staff-import-map"),
]
