from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.options import modeladmin_register

from services.models import Enterprise, EnterpriseMembership, TimeLimit
from services.queue_admin import ServiceRequestAdmin
from services.views import staff, surveys

modeladmin_register(ServiceRequestAdmin)

queue_urls = [
    path("<int:pk>/", staff.workspace, name="workspace"),
    path("<int:pk>/<slug:action>/", staff.workspace_action, name="action"),
    path("satisfaction/", surveys.satisfaction_report, name="satisfaction"),
]


@hooks.register("register_admin_urls")
def register_queue_admin_urls():
    return [
        path("requests/new/", staff.staff_request_new, name="services_staff_request_new"),
        path("queue/", include((queue_urls, "services_queue"))),
    ]


class StaffRequestMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("services.add_servicerequest")


@hooks.register("register_admin_menu_item")
def register_intake_menu_item():
    return StaffRequestMenuItem(
        _("Register a request"),
        reverse("services_staff_request_new"),
        icon_name="form",
        order=250,
    )


class EnterpriseViewSet(SnippetViewSet):
    model = Enterprise
    icon = "site"
    menu_label = _("Enterprises")
    list_display = ["name", "credit_code", "district", "industry", "size"]
    list_filter = ["district", "industry", "size"]
    search_fields = ["name", "credit_code"]
    ordering = ["name"]


class EnterpriseMembershipViewSet(SnippetViewSet):
    """Staff confirm pending claims of accounts on existing enterprise files here."""

    model = EnterpriseMembership
    icon = "user"
    menu_label = _("Enterprise accounts")
    list_display = ["user", "enterprise", "status", "created_at"]
    list_filter = ["status"]
    ordering = ["status", "-created_at"]


class EnterpriseViewSetGroup(SnippetViewSetGroup):
    items = (EnterpriseViewSet, EnterpriseMembershipViewSet)
    menu_icon = "site"
    menu_label = _("Enterprises")
    menu_name = "enterprises"
    menu_order = 240


register_snippet(EnterpriseViewSetGroup)


class TimeLimitViewSet(ModelViewSet):
    """Managers set how long each type may take to acknowledge and to resolve."""

    model = TimeLimit
    icon = "time"
    menu_label = _("Time limits")
    add_to_admin_menu = True
    menu_order = 205
    list_display = ["request_type", "acknowledge_hours", "resolve_days"]
    form_fields = ["request_type", "acknowledge_hours", "resolve_days"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_time_limits():
    return TimeLimitViewSet("time_limits")
