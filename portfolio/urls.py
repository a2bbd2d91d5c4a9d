"""URLs of the portfolio pages."""

from django.urls import path

from portfolio import appraisal_views, views

app_name = "portfolio"

urlpatterns = [
    path("", views.reflection_list, name="reflections"),
    path("reflections/new/", views.reflection_new, name="reflection-new"),
    path("reflections/autosave/", views.reflection_autosave, name="reflection-autosave"),
    path("reflections/<int:pk>/", views.reflection_detail, name="reflection"),
    path("reflections/<int:pk>/edit/", views.reflection_edit, name="reflection-edit"),
    path("reflections/<int:pk>/share/", views.reflection_share, name="reflection-share"),
    path("reflections/<int:pk>/delete/", views.reflection_delete, name="reflection-delete"),
    path("shares/<int:pk>/withdraw/", views.share_withdraw, name="share-withdraw"),
    path("shared-with-me/", views.shared_with_me, name="shared-with-me"),
    path("plan/", views.goal_list, name="plan"),
    path("plan/new/", views.goal_new, name="goal-new"),
    path("plan/<int:pk>/", views.goal_detail, name="goal"),
    path("plan/<int:pk>/edit/", views.goal_edit, name="goal-edit"),
    path("plan/<int:pk>/review/", views.goal_review, name="goal-review"),
    path("timeline/", views.timeline, name="timeline"),
    path("export/", views.export, name="export"),
    path("cpd/", appraisal_views.cpd_list, name="cpd"),
    path("cpd/new/", appraisal_views.cpd_new, name="cpd-new"),
    path("cpd/<int:pk>/edit/", appraisal_views.cpd_edit, name="cpd-edit"),
    path("cpd/<int:pk>/delete/", appraisal_views.cpd_delete, name="cpd-delete"),
    path("cpd/<int:pk>/evidence/", appraisal_views.cpd_evidence, name="cpd-evidence"),
    path("appraisal/", appraisal_views.my_appraisal_pack, name="appraisal"),
    path(
        "people/<int:pk>/appraisal/",
        appraisal_views.person_appraisal_pack,
        name="person-appraisal",
    ),
]
