"""The public regional quality map at /quality-map/ (001 7.3.4)."""

from django.urls import path

from services.views.quality_map import public_quality_map_view

urlpatterns = [path("", public_quality_map_view, name="quality_map")]
