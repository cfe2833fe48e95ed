"""The back-office queue (服务工单) in the Wagtail admin, on wagtail-modeladmin.

Kept in this one module so that it can move to Wagtail's ModelViewSet later. Listing only:
every change happens in the workspace (services.views.staff), through services.workflow.
"""

import re

from django.contrib.admin import SimpleListFilter, display
from django.contrib.admin.utils import lookup_field
from django.core.paginator import InvalidPage
from django.db.models import Q
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import IndexView

from portal.choices import District
from services.models import OPEN_STATUSES, Enterprise, RequestStatus, ServiceRequest
from services.people import person_name
from services.roles import staff_users
from services.workflow import can_view, overdue_q

NUMBER_PATTERN = re.compile(r"^[A-Z]{2}-\d{8}-\d{4,6}$")
NUMBER_PREFIX_PATTERN = re.compile(r"^[A-Z]{2}-\d[\d-]*$")
CREDIT_CODE_PATTERN = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")
# A name that matches more enterprises than this is too vague to list every request for.
MAX_SEARCH_ENTERPRISES = 500


class Queue:
    """The tabs at the top of the listing: what is new, mine, overdue, or everything."""

    NEW = "new"
    MINE = "mine"
    OVERDUE = "overdue"
    ALL = "all"
    PARAM = "queue"

    LABELS = {
        NEW: _("New"),
        MINE: _("Mine"),
        OVERDUE: _("Overdue"),
        ALL: _("All"),
    }

    @classmethod
    def filters(cls, user, now):
        return {
            cls.NEW: Q(status=RequestStatus.SUBMITTED),
            cls.MINE: Q(owner=user, status__in=OPEN_STATUSES),
            cls.OVERDUE: overdue_q(now),
            cls.ALL: Q(),
        }


class DistrictFilter(SimpleListFilter):
    title = _("district")
    parameter_name = "district"

    def lookups(self, request, model_admin):
        return District.choices

    def queryset(self, request, queryset):
        if self.value() in District.values:
            return queryset.filter(enterprise__district=self.value())
        return queryset


class OwnerFilter(SimpleListFilter):
    """Only people who can own requests, plus "unassigned"; never the whole user table."""

    title = _("owning specialist")
    parameter_name = "owner"
    UNASSIGNED = "none"

    def lookups(self, request, model_admin):
        users = staff_users()
        return [(self.UNASSIGNED, _("Unassigned"))] + [
            (str(user.pk), person_name(user)) for user in users
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.UNASSIGNED:
            return queryset.filter(owner__isnull=True)
        if value and value.isdigit():
            return queryset.filter(owner_id=int(value))
        return queryset


class QueueIndexView(IndexView):
    """The listing with its tabs and counts; only allowlisted parameters are accepted."""

    page_title = _("Service tickets")

    IGNORED_PARAMS = IndexView.IGNORED_PARAMS + (Queue.PARAM,)
    ALLOWED_PARAMS = {
        IndexView.ORDER_VAR,
        IndexView.ORDER_TYPE_VAR,
        IndexView.PAGE_VAR,
        IndexView.SEARCH_VAR,
        IndexView.ERROR_FLAG,
        IndexView.EXPORT_VAR,
        Queue.PARAM,
        "request_type__exact",
        "status__exact",
        "qi_element__exact",
        DistrictFilter.parameter_name,
        OwnerFilter.parameter_name,
    }

    def dispatch(self, request, *args, **kwargs):
        unknown = sorted(set(request.GET) - self.ALLOWED_PARAMS)
        if unknown:
            return HttpResponseBadRequest(
                render_to_string(
                    "services/queue/bad_filter.html",
                    {"parameters": unknown, "index_url": request.path},
                    request=request,
                )
            )
        self.now = timezone.now()
        self.queue = request.GET.get(Queue.PARAM) or Queue.NEW
        if self.queue not in Queue.LABELS:
            self.queue = Queue.ALL
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self, request=None):
        request = request or self.request
        queryset = super().get_base_queryset(request)
        return queryset.filter(Queue.filters(request.user, self.now)[self.queue])

    def tab_counts(self):
        """One count per tab, each its own indexed query (one aggregate would scan the table)."""
        filters = Queue.filters(self.request.user, self.now)
        counts = {
            name: ServiceRequest.objects.filter(condition).order_by().count()
            for name, condition in filters.items()
        }
        return [
            {
                "name": name,
                "label": label,
                "count": counts[name],
                "url": f"?{Queue.PARAM}={name}",
                "active": name == self.queue,
            }
            for name, label in Queue.LABELS.items()
        ]

    def get_search_results(self, request, queryset, search_term):
        """Numbers and credit codes match exactly (or a number by its start), names by part.

        Each form uses an index; a LIKE '%…%' over 100,000 requests would not.
        """
        term = search_term.strip()
        if not term:
            return queryset
        upper = term.upper()
        if NUMBER_PATTERN.match(upper):
            return queryset.filter(number=upper)
        if NUMBER_PREFIX_PATTERN.match(upper):
            return queryset.filter(number__gte=upper, number__lt=f"{upper}\uffff")
        if CREDIT_CODE_PATTERN.match(upper):
            return queryset.filter(enterprise__credit_code=upper)
        enterprise_ids = list(
            Enterprise.objects.filter(name__icontains=term).values_list("pk", flat=True)[
                :MAX_SEARCH_ENTERPRISES
            ]
        )
        return queryset.filter(enterprise_id__in=enterprise_ids)

    def get_filename(self):
        """服务工单-new-20250301: the export says which tab it holds and when it was made."""
        return f"{gettext('service-tickets')}-{self.queue}-{timezone.localdate(self.now):%Y%m%d}"

    @property
    def export_headings(self):
        """The headings are the queue's, kept with its columns on ServiceRequestAdmin."""
        return self.model_admin.export_headings

    def to_row_dict(self, item):
        """Plain values; a zero stays 0 and a missing value stays empty, not "-"."""
        row = {}
        for field in self.list_export:
            _field, _attr, value = lookup_field(field, item, self.model_admin)
            row[field] = "" if value is None else value
        return row

    def get_context_data(self, **kwargs):
        """Count each thing once, and fetch a page by its ids so deep pages stay cheap."""
        tabs = self.tab_counts()
        queryset = self.queryset
        result_count = queryset.count()
        paginator = self.paginator_class(queryset, self.items_per_page)
        paginator.__dict__["count"] = result_count
        try:
            page_obj = paginator.page(self.page_num)
        except InvalidPage:
            page_obj = paginator.page(1)
        ids = (
            list(
                queryset.values_list("pk", flat=True)[page_obj.start_index() - 1 :][
                    : self.items_per_page
                ]
            )
            if result_count
            else []
        )
        rows = queryset.model.objects.select_related(*self.select_related).in_bulk(ids)
        page_obj.object_list = [rows[pk] for pk in ids if pk in rows]
        context = {
            "view": self,
            "all_count": next(tab["count"] for tab in tabs if tab["active"]),
            "result_count": result_count,
            "paginator": paginator,
            "page_obj": page_obj,
            "elided_page_range": paginator.get_elided_page_range(page_obj.number),
            "object_list": page_obj.object_list,
            "user_can_create": self.permission_helper.user_can_create(self.request.user),
            "show_search": self.search_handler.show_search_form,
            "tabs": tabs,
            "current_queue": self.queue,
        }
        context.update(kwargs)
        return super(IndexView, self).get_context_data(**context)


class QueuePermissionHelper(PermissionHelper):
    def user_can_list(self, user):
        return can_view(user)

    def user_can_inspect_obj(self, user, obj):
        return can_view(user)

    def user_can_create(self, user):
        return user.has_perm("services.add_servicerequest")

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class QueueButtonHelper(ButtonHelper):
    def add_button(self, classnames_add=None, classnames_exclude=None):
        button = super().add_button(classnames_add, classnames_exclude)
        button.update(url=reverse("services_staff_request_new"), label=_("Register a request"))
        return button

    def inspect_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().inspect_button(pk, classnames_add, classnames_exclude)
        button.update(
            url=reverse("services_queue:workspace", args=[pk]), label=_("Open"), title=_("Open")
        )
        return button


class ServiceRequestAdmin(ModelAdmin):
    model = ServiceRequest
    menu_label = _("Service tickets")
    menu_icon = "tasks"
    menu_order = 200
    add_to_settings_menu = False
    list_per_page = 25
    index_view_class = QueueIndexView
    index_template_name = "services/queue/index.html"
    permission_helper_class = QueuePermissionHelper
    button_helper_class = QueueButtonHelper
    inspect_view_enabled = True
    list_display = (
        "number_link",
        "title",
        "request_type",
        "enterprise_name",
        "status_badge",
        "qi_element",
        "owner_name",
        "due",
        "created_at",
    )
    list_filter = (
        "request_type",
        "status",
        "qi_element",
        DistrictFilter,
        OwnerFilter,
    )
    search_fields = ("number", "enterprise__name", "enterprise__credit_code")
    list_select_related = ("enterprise", "owner")
    ordering = ("-created_at",)

    def get_search_handler(self, request, search_fields=None):
        from wagtail_modeladmin.helpers import DjangoORMSearchHandler

        return DjangoORMSearchHandler(search_fields or self.search_fields)

    @display(description=_("number"), ordering="number")
    def number_link(self, obj):
        return format_html(
            '<a class="queue-number" href="{}"><code>{}</code></a>',
            reverse("services_queue:workspace", args=[obj.pk]),
            obj.number,
        )

    @display(description=_("enterprise"), ordering="enterprise__name")
    def enterprise_name(self, obj):
        return obj.enterprise.name

    @display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="queue-status queue-status--{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )

    @display(description=_("owning specialist"), ordering="owner__username")
    def owner_name(self, obj):
        if obj.owner is None:
            return format_html('<span class="queue-unassigned">{}</span>', _("Unassigned"))
        return person_name(obj.owner)

    @display(description=_("due"))
    def due(self, obj):
        due = obj.current_due_at
        if due is None:
            return ""
        text = timezone.localtime(due).strftime("%Y-%m-%d %H:%M")
        if obj.is_overdue:
            return format_html(
                '<span class="queue-overdue">{} <strong>{}</strong></span>', text, _("Overdue")
            )
        return text

    # -- the spreadsheet export of the listing (?export=xlsx), with its tab, filters and search.
    # list_display renders HTML; these give the plain values.

    list_export = (
        "number",
        "export_type",
        "title",
        "enterprise_name",
        "export_credit_code",
        "export_district",
        "export_industry",
        "export_status",
        "export_qi_element",
        "export_owner",
        "export_created_at",
        "export_acknowledged_at",
        "export_resolved_at",
        "export_closed_at",
        "export_due_at",
        "export_overdue",
        "person_days",
        "service_visits",
        "trainings",
        "trainees",
        "problems_solved",
        "benefit_wan",
    )
    export_headings = {
        "number": _("Ticket number"),
        "export_type": _("Ticket type"),
        "title": _("Subject"),
        "enterprise_name": _("Enterprise"),
        "export_credit_code": _("Unified social credit code"),
        "export_district": _("District"),
        "export_industry": _("Industry"),
        "export_status": _("Status"),
        "export_qi_element": _("QI element"),
        "export_owner": _("Owning specialist"),
        "export_created_at": _("Submitted at"),
        "export_acknowledged_at": _("Ticket acknowledged at"),
        "export_resolved_at": _("Ticket resolved at"),
        "export_closed_at": _("Ticket closed at"),
        "export_due_at": _("Ticket due at"),
        "export_overdue": _("Overdue"),
        "person_days": _("Workload (person-days)"),
        "service_visits": _("Number of service visits"),
        "trainings": _("Number of trainings held"),
        "trainees": _("Number of trainees"),
        "problems_solved": _("Number of quality problems solved"),
        "benefit_wan": _("Quality benefit (10,000 yuan) of the ticket"),
    }

    def export_type(self, obj):
        return obj.get_request_type_display()

    def export_credit_code(self, obj):
        return obj.enterprise.credit_code

    def export_district(self, obj):
        return obj.enterprise.get_district_display()

    def export_industry(self, obj):
        return obj.enterprise.get_industry_display()

    def export_status(self, obj):
        return obj.get_status_display()

    def export_qi_element(self, obj):
        return obj.get_qi_element_display()

    def export_owner(self, obj):
        return person_name(obj.owner)

    @staticmethod
    def _local(value):
        return timezone.localtime(value).replace(tzinfo=None) if value else None

    def export_created_at(self, obj):
        return self._local(obj.created_at)

    def export_acknowledged_at(self, obj):
        return self._local(obj.acknowledged_at)

    def export_resolved_at(self, obj):
        return self._local(obj.resolved_at)

    def export_closed_at(self, obj):
        return self._local(obj.closed_at)

    def export_due_at(self, obj):
        return self._local(obj.current_due_at)

    def export_overdue(self, obj):
        return gettext("Yes") if obj.is_overdue else ""
