from django.urls import path

from services.views import public

app_name = "services"

urlpatterns = [
    path("new/", public.request_new, name="request_new"),
]
