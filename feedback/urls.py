"""URLs of the feedback pages."""

from feedback.qa_urls import urlpatterns as qa_urlpatterns

app_name = "feedback"

urlpatterns = []

urlpatterns += qa_urlpatterns
