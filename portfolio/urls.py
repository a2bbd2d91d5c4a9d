"""URLs of the portfolio pages."""

app_name = "portfolio"

urlpatterns = []
