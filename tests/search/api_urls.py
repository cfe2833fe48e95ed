"""A test-only urlconf: the search router on its own NinjaAPI, in front of the portal's URLs."""

from ninja import NinjaAPI

from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns
from search.api import build_router

api = NinjaAPI(urls_namespace="search-test-api", title="search test API")
api.add_router("/", build_router())

urlpatterns = [path("api/", api.urls), *portal_urlpatterns]
