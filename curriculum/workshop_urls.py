"""URLs of the workshop pages: scheduling, booking, the day and certificates."""

app_name = "workshops"

urlpatterns = []
