"""URLs of the simulations pages."""

app_name = "simulations"

urlpatterns = []
