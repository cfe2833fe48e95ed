from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from resources.models import Expert, Institution


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


class ResourcePoolViewSetGroup(SnippetViewSetGroup):
    """003 8.2: the expert pool and the institution pool."""

    items = (InstitutionViewSet, ExpertViewSet)
    menu_icon = "group"
    menu_label = _("Resource pool")
    menu_name = "resource-pool"
    menu_order = 300


register_snippet(ResourcePoolViewSetGroup)
