from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from resources.models import Equipment, Expert, Institution


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "site"
    menu_label = _("Institutions")
    list_display = ["name", "kind", "district"]
    list_filter = ["kind", "district", "is_sample"]
    search_fields = ["name", "short_name"]
    ordering = ["name"]


class ExpertViewSet(SnippetViewSet):
    model = Expert
    icon = "user"
    menu_label = _("Experts")
    list_display = ["name", "title", "institution", "is_active"]
    list_filter = ["is_active", "institution", "is_sample"]
    search_fields = ["name", "specialties"]
    ordering = ["name"]


class EquipmentViewSet(SnippetViewSet):
    """003 Annex A.8: the shareable instruments; editors keep status and calibration current."""

    model = Equipment
    icon = "cogs"
    menu_label = _("Shared instruments")
    list_display = ["name", "model_number", "institution", "status", "calibration_valid_until"]
    list_filter = ["category", "status", "district", "institution", "is_featured"]
    search_fields = ["name", "model_number"]
    ordering = ["name"]


class ResourcePoolViewSetGroup(SnippetViewSetGroup):
    """003 8.2 and 8.5.2: the expert pool, the institution pool and the shared instruments."""

    items = (InstitutionViewSet, ExpertViewSet, EquipmentViewSet)
    menu_icon = "group"
    menu_label = _("Resource pool")
    menu_name = "resource-pool"
    menu_order = 300


register_snippet(ResourcePoolViewSetGroup)
