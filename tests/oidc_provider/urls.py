"""The test provider's pages: its own sign-in form and the OpenID Connect endpoints."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("sign-in/", auth_views.LoginView.as_view(), name="login"),
    path("", include("oidc_provider.urls", namespace="oidc_provider")),
]
