"""URLs anyone may open, without signing in, to check a certificate of attendance."""

from django.urls import path

from workshops import certificate_views

urlpatterns = [
    path("", certificate_views.certificate_lookup, name="certificate-lookup"),
    path("<str:reference>/", certificate_views.certificate_check, name="certificate-check"),
]
