from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.options import modeladmin_register

from services.models import Enterprise, EnterpriseMembership, TimeLimit
from services.queue_admin import ServiceRequestAdmin
from services.views import enterprise_file, staff, surveys

modeladmin_register(ServiceRequestAdmin)

queue_urls = [
    path("<int:pk>/", staff.workspace, name="workspace"),
    path("<int:pk>/<slug:action>/", staff.workspace_action, name="action"),
    path("satisfaction/", surveys.satisfaction_report, name="satisfaction"),
    path("enterprise/<int:pk>/", enterprise_file.enterprise_file, name="enterprise_file"),
    path(
        "enterprise/<int:pk>/export/", enterprise_file.enterprise_export, name="enterprise_export"
    ),
    path(
        "enterprise/<int:pk>/files/<int:attachment_id>/",
        enterprise_file.enterprise_attachment,
        name="enterprise_attachment",
    ),
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


class SatisfactionMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.has_perm("services.view_satisfactionsurvey") or user.has_perm(
            "services.manage_queue"
        )


@hooks.register("register_admin_menu_item")
def register_satisfaction_menu_item():
    return SatisfactionMenuItem(
        _("Satisfaction"),
        reverse("services_queue:satisfaction"),
        icon_name="pick",
        order=210,
    )


class EnterpriseViewSet(SnippetViewSet):
    model = Enterprise
    icon = "site"
    menu_label = _("Enterprises")
    list_display = [
        "name",
        "credit_code",
        "district",
        "industry",
        "size",
        TitleColumn(
            "enterprise_file",
            label=_("Enterprise file"),
            accessor=lambda enterprise: _("Open the file"),
            url_name="services_queue:enterprise_file",
        ),
    ]
    list_filter = ["district", "industry", "size"]
    search_fields = ["name", "credit_code"]
    ordering = ["name"]


# An enterprise with requests keeps its file: say why instead of failing on the PROTECT key.
hooks.register("before_delete_snippet", enterprise_file.refuse_enterprise_delete)


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


# -- results: quality map, ratings, draft cases (001 7.3, 003 8.2.3) -------------------------
from services.views import quality_map as quality_map_views  # noqa: E402
from services.views import results as results_views  # noqa: E402

results_urls = [
    path("quality-map/", quality_map_views.admin_quality_map, name="quality_map"),
    path("ratings/", results_views.ratings, name="ratings"),
    path("case-draft/<int:pk>/", results_views.case_draft, name="case_draft"),
]


@hooks.register("register_admin_urls")
def register_results_admin_urls():
    return [path("queue/", include((results_urls, "services_results")))]


class ManagerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("services.manage_queue")


@hooks.register("register_admin_menu_item")
def register_quality_map_menu_item():
    return ManagerMenuItem(
        _("Quality map"), reverse("services_results:quality_map"), icon_name="site", order=213
    )


@hooks.register("register_admin_menu_item")
def register_ratings_menu_item():
    return ManagerMenuItem(
        _("Expert and institution ratings"),
        reverse("services_results:ratings"),
        icon_name="pick",
        order=214,
    )


# -- forms7: the standards' record forms as XLSX (001 Annexes A, D; 004 Annexes A, B) ----------


@hooks.register("register_admin_urls")
def register_form_export_urls():
    from services.views import forms_xlsx

    form_urls = [
        path("benefit-summary.xlsx", forms_xlsx.benefit_summary, name="benefit_summary"),
        path("<int:pk>/form/<slug:kind>.xlsx", forms_xlsx.request_form, name="request_form"),
    ]
    return [path("queue/", include((form_urls, "services_forms")))]


# -- Effectiveness dashboard (issue 7): managers only ----------------------------------------
# register_queue_admin_urls reads queue_urls when Wagtail calls it, so appending here is enough.
from services.views import dashboard as dashboard_views  # noqa: E402

queue_urls += [path("dashboard/", dashboard_views.dashboard, name="dashboard")]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return ManagerMenuItem(
        _("Effectiveness dashboard"),
        reverse("services_queue:dashboard"),
        icon_name="table",
        order=212,
    )
