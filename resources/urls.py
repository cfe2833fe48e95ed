from django.urls import path

from resources.views import public

app_name = "resources"

urlpatterns = [
    path("equipment/", public.equipment_list, name="equipment_list"),
    path("equipment/<int:pk>/", public.equipment_detail, name="equipment_detail"),
    path("experts/", public.expert_list, name="expert_list"),
    path("experts/<int:pk>/", public.expert_detail, name="expert_detail"),
    path("institutions/", public.institution_list, name="institution_list"),
    path("institutions/<slug:slug>/", public.institution_detail, name="institution_detail"),
]
