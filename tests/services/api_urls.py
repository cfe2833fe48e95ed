"""Test-only urlconf: the project's URLs plus the requests router on a throwaway NinjaAPI.

At merge portal/api.py mounts the same router at /api/requests.
"""

from ninja import NinjaAPI

from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns
from services.views.api import router

api = NinjaAPI(title="intake test API", urls_namespace="intake_test_api")
api.add_router("/requests", router)

urlpatterns = [path("api/", api.urls), *portal_urlpatterns]
