"""一企一档 (003 7.3, 004 6.5.2): everything the platform holds on one enterprise.

The admin's enterprise file page and the ZIP export read the same queries, so the page shows
what the archive holds. The archive is built in a spooled temporary file: small files stay in
memory, big ones go to disk, and no attachment is held in memory whole.
"""

import io
import logging
import re
import shutil
import tempfile
import zipfile

from openpyxl import Workbook

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from services.models import (
    FollowUp,
    PlanReview,
    RequestEvent,
    RequestStatus,
    SatisfactionSurvey,
    ServicePlan,
)
from services.people import person_name

logger = logging.getLogger(__name__)

# The archive's layout (names fixed by the 一企一档 specification, not translated).
SUMMARY_NAME = "档案汇总.xlsx"
ATTACHMENTS_FOLDER = "附件"
SPOOL_IN_MEMORY = 8 * 1024 * 1024


# -- what the file holds ---------------------------------------------------------------------


def enterprise_requests(enterprise, *, with_events=False):
    """All requests of the enterprise with what hangs off them, in a fixed number of queries."""
    prefetches = [
        Prefetch(
            "plans",
            queryset=ServicePlan.objects.select_related("author").prefetch_related(
                Prefetch("reviews", queryset=PlanReview.objects.select_related("reviewer"))
            ),
        ),
        Prefetch("follow_ups", queryset=FollowUp.objects.select_related("author")),
        "rounds",
        "attachments",
    ]
    if with_events:
        prefetches.append(
            Prefetch("events", queryset=RequestEvent.objects.select_related("author"))
        )
    return (
        enterprise.requests.select_related("owner", "service")
        .prefetch_related(*prefetches)
        .order_by("created_at", "pk")
    )


def enterprise_surveys(enterprise):
    """Completion surveys of its requests and the periodic ones sent to the enterprise."""
    return (
        SatisfactionSurvey.objects.filter(
            Q(enterprise=enterprise) | Q(request__enterprise=enterprise)
        )
        .select_related("request")
        .order_by("created_at", "pk")
    )


def person(user):
    if user is None:
        return ""
    return person_name(user)


# -- safe names inside the archive -----------------------------------------------------------

UNSAFE_CHARACTERS = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def safe_name(name, fallback="file"):
    """A file or folder name with no separators, no control characters and no `..`."""
    name = re.split(r"[/\\]", name or "")[-1]
    name = UNSAFE_CHARACTERS.sub("_", name)
    name = re.sub(r"\.{2,}", ".", name).strip(" .")
    return name[:150] or fallback


def unique_name(name, taken):
    """`name`, or `name (2).ext` and so on when the folder already holds it."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    candidate, counter = name, 1
    while candidate.lower() in taken:
        counter += 1
        candidate = f"{stem} ({counter}).{extension}" if dot else f"{stem} ({counter})"
    taken.add(candidate.lower())
    return candidate


# -- the workbook ----------------------------------------------------------------------------


def cell_value(value):
    if isinstance(value, Promise):
        return str(value)
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, list | tuple):
        return "、".join(str(item) for item in value)
    return value


def field_values(instance, names):
    """Readable values of model fields: choice labels, people's names, local times."""
    values = []
    for name in names:
        field = instance._meta.get_field(name)
        value = getattr(instance, name)
        if getattr(field, "choice_set", None) is not None:
            value = [field.choice_set(item).label for item in value or []]
        elif field.choices:
            value = getattr(instance, f"get_{name}_display")()
        elif field.is_relation:
            value = person(value) if hasattr(value, "get_username") else str(value or "")
        values.append(cell_value(value))
    return values


def field_labels(model, names):
    return [str(model._meta.get_field(name).verbose_name) for name in names]


def add_sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append([cell_value(value) for value in row])
    # openpyxl reads text starting with "=" as a formula; what people typed stays text.
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    return sheet


ENTERPRISE_FIELDS = [
    "name",
    "credit_code",
    "district",
    "industry",
    "size",
    "contact_name",
    "contact_phone",
    "contact_email",
    "created_at",
]

REQUEST_FIELDS = [
    "number",
    "request_type",
    "channel",
    "status",
    "title",
    "qi_element",
    "service",
    "owner",
    "contact_name",
    "contact_phone",
    "contact_email",
    "created_at",
    "acknowledged_at",
    "resolved_at",
    "closed_at",
    "product_name",
    "report_number",
    "resolution_summary",
    "person_days",
    "service_visits",
    "trainings",
    "trainees",
    "problems_solved",
    "benefit_wan",
    "benefit_basis",
    "retention_until",
    "anonymised_at",
]

PLAN_FIELDS = [
    "version",
    "status_analysis",
    "main_problems",
    "goals",
    "service_items",
    "service_methods",
    "schedule",
    "starts_on",
    "ends_on",
    "expected_effect",
    "change_reason",
    "author",
    "created_at",
]

FOLLOW_UP_FIELDS = ["happened_on", "mode", "participants", "content", "author", "created_at"]

ROUND_FIELDS = [
    "number",
    "visited_on",
    "batch",
    "cause_man",
    "cause_machine",
    "cause_material",
    "cause_method",
    "cause_environment",
    "cause_measurement",
    "reinspection",
    "reinspected_on",
    "reinspection_note",
    "expert_advice",
    "improvement",
    "closed_at",
]

SURVEY_FIELDS = [
    "kind",
    "created_at",
    "answered_at",
    "improvement_effect",
    "improved_areas",
    "overall",
    "satisfied_aspects",
    "attitude",
    "competence",
    "effect",
    "suggestions",
]

ATTACHMENT_FIELDS = [
    "purpose",
    "deliverable_kind",
    "description",
    "original_name",
    "size",
    "created_at",
]


def status_label(value):
    return RequestStatus(value).label if value else ""


def describe_changes(changes):
    return "; ".join(
        f"{label}: {before} → {after}" for label, (before, after) in (changes or {}).items()
    )


def build_workbook(enterprise, requests, surveys, archive_paths):
    from services.models import (
        AssistanceRound,
        Enterprise,
        RequestAttachment,
        ServiceRequest,
    )

    workbook = Workbook()
    workbook.remove(workbook.active)
    number = str(ServiceRequest._meta.get_field("number").verbose_name)
    add_sheet(
        workbook,
        "企业信息",
        [_("Item"), _("Value")],
        zip(
            field_labels(Enterprise, ENTERPRISE_FIELDS),
            field_values(enterprise, ENTERPRISE_FIELDS),
            strict=True,
        ),
    )
    add_sheet(
        workbook,
        "服务工单",
        field_labels(ServiceRequest, REQUEST_FIELDS),
        (field_values(service_request, REQUEST_FIELDS) for service_request in requests),
    )
    add_sheet(
        workbook,
        "服务方案",
        [number, *field_labels(ServicePlan, PLAN_FIELDS), _("Review conclusion"), _("Reviewer")],
        (
            [
                service_request.number,
                *field_values(plan, PLAN_FIELDS),
                "; ".join(review.get_conclusion_display() for review in plan.reviews.all()),
                "; ".join(person(review.reviewer) for review in plan.reviews.all()),
            ]
            for service_request in requests
            for plan in service_request.plans.all()
        ),
    )
    add_sheet(
        workbook,
        "跟进记录",
        [number, *field_labels(FollowUp, FOLLOW_UP_FIELDS)],
        (
            [service_request.number, *field_values(follow_up, FOLLOW_UP_FIELDS)]
            for service_request in requests
            for follow_up in service_request.follow_ups.all()
        ),
    )
    add_sheet(
        workbook,
        "技术帮扶",
        [number, *field_labels(AssistanceRound, ROUND_FIELDS)],
        (
            [service_request.number, *field_values(assistance_round, ROUND_FIELDS)]
            for service_request in requests
            for assistance_round in service_request.rounds.all()
        ),
    )
    add_sheet(
        workbook,
        "满意度",
        [number, *field_labels(SatisfactionSurvey, SURVEY_FIELDS)],
        (
            [survey.request.number if survey.request else "", *field_values(survey, SURVEY_FIELDS)]
            for survey in surveys
        ),
    )
    add_sheet(
        workbook,
        "附件",
        [number, *field_labels(RequestAttachment, ATTACHMENT_FIELDS), _("Path in the archive")],
        (
            [
                service_request.number,
                *field_values(attachment, ATTACHMENT_FIELDS),
                archive_paths.get(attachment.pk, _("(not kept)")),
            ]
            for service_request in requests
            for attachment in service_request.attachments.all()
        ),
    )
    add_sheet(
        workbook,
        "操作记录",
        [
            number,
            _("Time"),
            _("By"),
            _("Kind"),
            _("From status"),
            _("To status"),
            _("Changes"),
            _("Remarks"),
            _("Visible to the enterprise"),
        ],
        (
            [
                service_request.number,
                event.created_at,
                _("Enterprise") if event.by_enterprise else person(event.author),
                event.get_kind_display(),
                status_label(event.from_status),
                status_label(event.to_status),
                describe_changes(event.changes),
                event.message,
                _("Yes") if event.is_public else _("No"),
            ]
            for service_request in requests
            for event in service_request.events.all()
        ),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- the archive -----------------------------------------------------------------------------


def attachment_paths(requests):
    """Where each kept file goes: 附件/<request number>/<original name>, unique per folder."""
    paths = {}
    for service_request in requests:
        folder = safe_name(service_request.number, fallback=str(service_request.pk))
        taken = set()
        for attachment in service_request.attachments.all():
            if attachment.file:
                name = unique_name(safe_name(attachment.original_name), taken)
                paths[attachment.pk] = f"{ATTACHMENTS_FOLDER}/{folder}/{name}"
    return paths


def build_enterprise_archive(enterprise):
    """The enterprise's file as a ZIP: a temporary file positioned at its start."""
    requests = list(enterprise_requests(enterprise, with_events=True))
    surveys = list(enterprise_surveys(enterprise))
    paths = attachment_paths(requests)
    archive = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zip_file:
        for service_request in requests:
            for attachment in service_request.attachments.all():
                if attachment.pk not in paths:
                    continue
                try:
                    source = attachment.file.open("rb")
                except FileNotFoundError:
                    logger.warning("Attachment %s has no file in storage", attachment.pk)
                    del paths[attachment.pk]
                    continue
                with source, zip_file.open(paths[attachment.pk], "w") as target:
                    shutil.copyfileobj(source, target)
        zip_file.writestr(SUMMARY_NAME, build_workbook(enterprise, requests, surveys, paths))
    archive.seek(0)
    return archive


def archive_filename(enterprise, day=None):
    day = day or timezone.localdate()
    return f"一企一档_{enterprise.credit_code}_{day:%Y%m%d}.zip"
