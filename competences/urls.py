"""URLs for competences, assessments and verification."""

from django.urls import path

from competences import case_views, gap_views, import_views, views

app_name = "competences"

urlpatterns = [
    path("", views.my_competences, name="mine"),
    path("people/<int:pk>/", views.person_competences, name="person"),
    path("assess/<int:competence_pk>/", views.self_assess, name="self-assess"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path("assessments/<int:pk>/evidence/", views.add_evidence, name="add-evidence"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
    path("assessments/<int:pk>/request/", views.request_verification, name="request-verification"),
    path("assessments/<int:pk>/verify/", views.verify, name="verify"),
    path("assessments/<int:pk>/return/", views.return_assessment, name="return"),
    path("verify/", views.verification_queue, name="verification-queue"),
    path("frameworks/", views.framework_list, name="frameworks"),
    path(
        "frameworks/<int:pk>/case.json",
        case_views.framework_case_export,
        name="framework-case-export",
    ),
    path("frameworks/import/", case_views.framework_case_upload, name="case-import"),
    path("frameworks/import/confirm/", case_views.framework_case_confirm, name="case-confirm"),
    path("ksf/", views.ksf_list, name="ksf"),
    path("gaps/", gap_views.gap_profile, name="gap-profile"),
    path("gaps/heatmap.svg", gap_views.gap_heatmap, name="gap-heatmap"),
    path("gaps/matrix/", gap_views.gap_matrix, name="gap-matrix"),
    path("gaps/training-needs/", gap_views.training_needs, name="training-needs"),
    path(
        "gaps/summary.csv", gap_views.export_summary, {"extension": "csv"}, name="gap-summary-csv"
    ),
    path(
        "gaps/summary.xlsx",
        gap_views.export_summary,
        {"extension": "xlsx"},
        name="gap-summary-xlsx",
    ),
    path("gaps/matrix.csv", gap_views.export_matrix, {"extension": "csv"}, name="gap-matrix-csv"),
    path(
        "gaps/matrix.xlsx", gap_views.export_matrix, {"extension": "xlsx"}, name="gap-matrix-xlsx"
    ),
    path("gaps/report.pdf", gap_views.export_pdf, name="gap-report"),
    path("staff/import/", import_views.staff_import_upload, name="staff-import"),
    path("staff/import/columns/", import_views.staff_import_map, name="staff-import-map"),
    path("staff/import/confirm/", import_views.staff_import_confirm, name="staff-import-confirm"),
    path("staff/import/remembered/", import_views.import_mappings, name="import-mappings"),
]
