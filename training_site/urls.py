"""URLs of the whole site: the apps' pages, signing in and the content admin."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from training_site import (
    audit_views,
    content_admin,
    download_views,
    health,
    person_views,
    privacy_views,
    second_factor_views,
    single_sign_on_views,
    views,
)

account_patterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path(
        "sign-in/password/",
        views.SignInView.as_view(emergency=True),
        name="password-sign-in",
    ),
    path(
        "organisation/",
        single_sign_on_views.SignInWithProvider.as_view(),
        name="single-sign-on",
    ),
    path(
        "organisation/callback/",
        single_sign_on_views.ProviderReturn.as_view(),
        name="single-sign-on-return",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("welcome/<uidb64>/<token>/", person_views.sign_in_link, name="sign-in-link"),
    path("second-factor/", second_factor_views.enter_code, name="second-factor"),
    path(
        "second-factor/recovery/",
        second_factor_views.enter_code,
        {"recovery": True},
        name="second-factor-recovery",
    ),
    path("second-factor/set-up/", second_factor_views.set_up, name="second-factor-set-up"),
    path("my-data/", privacy_views.my_data_export, name="my-data-export"),
    path("", views.account, name="account"),
]

urlpatterns = [
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("", views.home, name="home"),
    path("account/", include(account_patterns)),
    path("people/", views.people_list, name="people-list"),
    path("audit/", audit_views.audit_list, name="audit-list"),
    path("audit/export.csv", audit_views.audit_export, name="audit-export"),
    path("downloads/<int:pk>/", download_views.download_status, name="download-status"),
    path("downloads/<int:pk>/file", download_views.download_file, name="download-file"),
    path("privacy/requests/", privacy_views.privacy_requests, name="privacy-requests"),
    path(
        "privacy/requests/<int:pk>/export/",
        privacy_views.privacy_request_export,
        name="privacy-request-export",
    ),
    path(
        "privacy/people/<int:pk>/erase/",
        privacy_views.privacy_person_erase,
        name="privacy-person-erase",
    ),
    path(
        "people/sign-in-links/",
        person_views.people_sign_in_links_send,
        name="people-sign-in-links",
    ),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", person_views.person_edit, name="person-edit"),
    path(
        "people/<int:pk>/sign-in-link/",
        person_views.person_sign_in_link_send,
        name="person-sign-in-link",
    ),
    path(
        "people/<int:pk>/second-factor/reset/",
        second_factor_views.reset,
        name="second-factor-reset",
    ),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("competences/", include("competences.urls")),
    path("workshops/", include("workshops.urls")),
    path("certificates/", include("workshops.certificate_urls")),
    path("simulations/", include("simulations.urls")),
    path("feedback/qa/", include("quality.urls")),
    path("feedback/", include("feedback.urls")),
    path("portfolio/", include("portfolio.urls")),
    path(settings.WAGTAILADMIN_PATH, include((content_admin.urlpatterns, "content-admin"))),
    path(settings.WAGTAILADMIN_PATH, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("curriculum/", include("curriculum.urls")),
    path("curriculum/", include(wagtail_urls)),
]
