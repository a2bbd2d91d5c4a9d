"""URLs of the feedback pages."""

app_name = "feedback"

urlpatterns = []
