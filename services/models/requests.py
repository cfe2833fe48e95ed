"""Requests from enterprises: one model for every type, so the queue treats them alike.

003 7.2.1 (demand collection from many channels), 001 6.2.2 (assistance applications),
000 6.5 (complaints with progress lookup), 003 A.8 (equipment booking), 003 7.3 (uniform numbering).
"""

import hashlib
import hmac
import secrets
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.append_only import (  # noqa: F401
    AppendOnlyError,
    AppendOnlyModel,
    AppendOnlyQuerySet,
)
from portal.choices import QIElement


class RequestType(models.TextChoices):
    DEMAND = "demand", _("Service demand")
    ASSISTANCE = "assistance", _("Technical-assistance application")
    COMPLAINT = "complaint", _("Complaint")
    BOOKING = "booking", _("Equipment booking")
    CONSULTATION = "consultation", _("Consultation")


# 003 7.3: uniform numbering; the prefix says the type at a glance.
NUMBER_PREFIXES = {
    RequestType.DEMAND: "XQ",
    RequestType.ASSISTANCE: "BF",
    RequestType.COMPLAINT: "TS",
    RequestType.BOOKING: "YY",
    RequestType.CONSULTATION: "ZX",
}


class Channel(models.TextChoices):
    """003 7.2.1.2: window, visits, forums, the website or an app, phone, email."""

    WEB = "web", _("Website")
    API = "api", _("Mini-program or partner site")
    WINDOW = "window", _("Service window")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    VISIT = "visit", _("Enterprise visit")
    FORUM = "forum", _("Forum or meeting")


STAFF_CHANNELS = [
    Channel.WINDOW,
    Channel.PHONE,
    Channel.EMAIL,
    Channel.VISIT,
    Channel.FORUM,
]


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", pgettext_lazy("request status", "Withdrawn")


OPEN_STATUSES = {RequestStatus.SUBMITTED, RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS}
TERMINAL_STATUSES = {RequestStatus.DECLINED, RequestStatus.CLOSED, RequestStatus.WITHDRAWN}


class Role(models.TextChoices):
    """Who acts on a request: the enterprise, a service specialist (003 Annex B), a manager."""

    ENTERPRISE = "enterprise", _("Enterprise")
    SPECIALIST = "specialist", _("Service specialist")
    MANAGER = "manager", _("Platform manager")


STAFF_ROLES = frozenset({Role.SPECIALIST, Role.MANAGER})

# The lifecycle in one place: from -> {to: the roles that may make the move}.
# services.workflow.transition() is the only code that changes a status; it reads this table.
ALLOWED_TRANSITIONS = {
    RequestStatus.SUBMITTED: {
        RequestStatus.ACCEPTED: STAFF_ROLES,
        RequestStatus.DECLINED: STAFF_ROLES,
        RequestStatus.WITHDRAWN: frozenset({Role.ENTERPRISE}),
    },
    RequestStatus.ACCEPTED: {
        RequestStatus.IN_PROGRESS: STAFF_ROLES,
        RequestStatus.WITHDRAWN: frozenset({Role.ENTERPRISE}),
    },
    RequestStatus.IN_PROGRESS: {
        RequestStatus.RESOLVED: STAFF_ROLES,
        RequestStatus.WITHDRAWN: frozenset({Role.ENTERPRISE}),
    },
    RequestStatus.RESOLVED: {
        RequestStatus.CLOSED: STAFF_ROLES,
        # A manager reopens work the enterprise is not satisfied with.
        RequestStatus.IN_PROGRESS: frozenset({Role.MANAGER}),
    },
    # A manager may have a declined request looked at again (003 7.2.1.3).
    RequestStatus.DECLINED: {RequestStatus.SUBMITTED: frozenset({Role.MANAGER})},
}


class BookingDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    RESCHEDULED = "rescheduled", _("Approved for another time")
    REFUSED = "refused", _("Refused")


TESTING_ELEMENTS = {QIElement.TESTING, QIElement.METROLOGY, QIElement.EQUIPMENT_SHARING}


class ProblemSource(models.TextChoices):
    """001 7.1: where the regulator found the product problem."""

    SUPERVISION_SAMPLING = "supervision_sampling", _("Supervision sampling")
    PRODUCTION_LICENCE = "production_licence", _("Production licensing")
    RISK_MONITORING = "risk_monitoring", _("Risk monitoring")
    ON_SITE_INSPECTION = "on_site_inspection", _("On-site inspection")
    SPECIAL_CAMPAIGN = "special_campaign", _("Special campaign")
    SELF_INSPECTION = "self_inspection", _("Found by the enterprise itself")


# What an enterprise fills in, in form order; the web form, the API and staff entry share it.
REQUEST_FIELDS = [
    "request_type",
    "title",
    "description",
    "service",
    "qi_element",
    "expected_by",
    "product_name",
    "product_model",
    "nonconforming_items",
    "problem_source",
    "report_number",
    "complaint_subject",
    "occurred_on",
    "desired_outcome",
    "equipment_ref",
    "equipment_name",
    "preferred_start",
    "preferred_end",
    "sample_description",
    "contact_name",
    "contact_phone",
    "contact_email",
]


class RetainedRequestQuerySet(models.QuerySet):
    """Deleting through a queryset checks every request against the retention rules too."""

    def requests_concerned(self):
        return ServiceRequest.objects.filter(pk__in=self.values("pk"))

    def delete(self):
        from services.retention import check_deletable

        for service_request in self.requests_concerned():
            check_deletable(service_request)
        return super().delete()

    delete.queryset_only = True


class RetainedAttachmentQuerySet(RetainedRequestQuerySet):
    def requests_concerned(self):
        return ServiceRequest.objects.filter(pk__in=self.values("request_id"))


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class ServiceRequest(models.Model):
    number = models.CharField(_("number"), max_length=32, unique=True, editable=False)
    request_type = models.CharField(_("request type"), max_length=20, choices=RequestType.choices)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.SUBMITTED,
        db_index=True,
    )
    enterprise = models.ForeignKey(
        "services.Enterprise",
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("enterprise"),
    )
    # What the enterprise gave with this request; the enterprise profile may change later.
    contact_name = models.CharField(_("contact person"), max_length=60)
    contact_phone = models.CharField(_("phone"), max_length=30)
    contact_email = models.EmailField(_("email"), blank=True)

    title = models.CharField(_("subject"), max_length=120)
    description = models.TextField(_("description"), max_length=4000)
    service = models.ForeignKey(
        "services.ServicePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("service item"),
    )
    qi_element = models.CharField(
        _("QI element"), max_length=20, choices=QIElement.choices, blank=True, db_index=True
    )
    expected_by = models.DateField(_("wanted by"), null=True, blank=True)

    # Technical assistance (001 6.2.2, 7.2.3.1.2, Annex A and D).
    product_name = models.CharField(_("product"), max_length=120, blank=True)
    product_model = models.CharField(_("model or specification"), max_length=120, blank=True)
    nonconforming_items = models.TextField(_("nonconforming items"), max_length=2000, blank=True)
    problem_source = models.CharField(
        _("where the problem was found"), max_length=30, choices=ProblemSource.choices, blank=True
    )
    report_number = models.CharField(_("inspection report number"), max_length=60, blank=True)

    # Complaint (000 6.5, 003 7.2.4.1).
    complaint_subject = models.CharField(_("complaint about"), max_length=200, blank=True)
    occurred_on = models.DateField(_("date of the event"), null=True, blank=True)
    desired_outcome = models.TextField(_("desired outcome"), max_length=2000, blank=True)

    # Equipment booking (003 A.8). The id becomes a foreign key to resources.Equipment at merge.
    equipment_ref = models.PositiveIntegerField(_("instrument id"), null=True, blank=True)
    equipment_name = models.CharField(_("instrument"), max_length=200, blank=True)
    preferred_start = models.DateField(_("wanted from"), null=True, blank=True)
    preferred_end = models.DateField(_("wanted until"), null=True, blank=True)
    sample_description = models.TextField(_("samples"), max_length=2000, blank=True)

    tracking_token_hash = models.CharField(max_length=64, editable=False)
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # The queue (003 7.2.2-7.2.4): who owns it, the team, and the clock.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_requests",
        verbose_name=_("owning specialist"),
    )
    experts = models.ManyToManyField(
        "resources.Expert", blank=True, related_name="requests", verbose_name=_("experts")
    )
    institutions = models.ManyToManyField(
        "resources.Institution",
        blank=True,
        related_name="requests",
        verbose_name=_("institutions"),
    )
    acknowledge_due_at = models.DateTimeField(_("acknowledge by"), null=True, blank=True)
    resolve_due_at = models.DateTimeField(_("resolve by"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    acknowledge_escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    resolve_escalated_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Complaint handling (000 6.5.2-6.5.4, 003 7.2.4.1, 004 8.2.1).
    complaint_promised_by = models.DateField(_("promised reply by"), null=True, blank=True)
    complaint_investigation = models.TextField(_("investigation"), max_length=4000, blank=True)
    complaint_handling = models.TextField(_("handling"), max_length=4000, blank=True)
    complaint_feedback = models.TextField(
        _("feedback to the complainant"), max_length=4000, blank=True
    )

    # Equipment booking decision and what was used (003 A.8).
    booking_decision = models.CharField(
        _("booking decision"), max_length=12, choices=BookingDecision.choices, blank=True
    )
    booked_from = models.DateTimeField(_("booked from"), null=True, blank=True)
    booked_until = models.DateTimeField(_("booked until"), null=True, blank=True)
    machine_hours = models.DecimalField(
        _("machine time (hours)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    booking_fee = models.DecimalField(
        _("fee (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    # Resolution: what was delivered (000 ch. 8) and its benefit (004 Annex A).
    resolution_summary = models.TextField(_("resolution"), max_length=4000, blank=True)
    person_days = models.DecimalField(
        _("service workload (person-days)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    service_visits = models.PositiveIntegerField(_("service visits"), null=True, blank=True)
    trainings = models.PositiveIntegerField(_("trainings held"), null=True, blank=True)
    trainees = models.PositiveIntegerField(_("trainees"), null=True, blank=True)
    problems_solved = models.PositiveIntegerField(
        _("quality problems solved"), null=True, blank=True
    )
    benefit_wan = models.DecimalField(
        _("quality benefit (10,000 yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    benefit_basis = models.TextField(_("basis of the estimate"), max_length=2000, blank=True)

    # 001 7.3.1: a resolved request may become a typical case when the enterprise agrees.
    case_consent = models.BooleanField(
        _("the enterprise agrees to publication as a typical case"), default=False
    )
    case_page = models.ForeignKey(
        "resources.CasePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_requests",
        verbose_name=_("draft case"),
    )

    # Retention (000 7.2, 003 7.3): kept whole until this date, anonymised after it.
    retention_until = models.DateField(_("keep until"), null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)

    objects = RetainedRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-created_at"]
        permissions = [("manage_queue", _("Can manage the whole service queue"))]
        indexes = [
            models.Index(fields=["status", "created_at"], name="request_status_created"),
            models.Index(fields=["owner", "status"], name="request_owner_status"),
            # Overdue = past the deadline of the current status: status first, then the date.
            models.Index(fields=["status", "acknowledge_due_at"], name="request_status_ack_due"),
            models.Index(fields=["status", "resolve_due_at"], name="request_status_resolve_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="unique_request_idempotency_key",
            )
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def set_tracking_token(self):
        """A fresh secret for the tracking link; only its hash is kept."""
        token = secrets.token_urlsafe(32)
        self.tracking_token_hash = hash_token(token)
        return token

    def check_tracking_token(self, token):
        return hmac.compare_digest(self.tracking_token_hash, hash_token(token or ""))

    def can_transition(self, to_status, role):
        return role in ALLOWED_TRANSITIONS.get(self.status, {}).get(to_status, ())

    def public_events(self):
        return self.events.filter(is_public=True).order_by("created_at", "pk")

    @property
    def current_due_at(self):
        """The deadline that matters now: acknowledgement while new, resolution while worked."""
        if self.status == RequestStatus.SUBMITTED:
            return self.acknowledge_due_at
        if self.status in (RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS):
            return self.resolve_due_at
        return None

    @property
    def is_overdue(self):
        due = self.current_due_at
        return due is not None and due < timezone.now()

    @property
    def is_testing_related(self):
        """000 7.2: inspection and testing records are kept six years (RB/T 214)."""
        return self.qi_element in TESTING_ELEMENTS or self.request_type == RequestType.BOOKING

    def delete(self, *args, **kwargs):
        from services.retention import check_deletable

        check_deletable(self)
        return super().delete(*args, **kwargs)


class RequestCounter(models.Model):
    """Last sequence number given per prefix and day; rows are locked while numbering."""

    prefix = models.CharField(max_length=4)
    day = models.DateField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "day"], name="unique_request_counter")
        ]

    def __str__(self):
        return f"{self.prefix}-{self.day:%Y%m%d}: {self.last_value}"


def private_storage():
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


def attachment_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"requests/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class AttachmentPurpose(models.TextChoices):
    ENTERPRISE = "enterprise", _("From the enterprise")
    FOLLOW_UP = "follow_up", _("Follow-up record")
    PLAN = "plan", _("Service plan")
    DELIVERABLE = "deliverable", _("Deliverable")


class DeliverableKind(models.TextChoices):
    """000 ch. 8: reports, process files, on-site guidance, advice, training."""

    REPORT = "report", _("Report")
    PROCESS_FILE = "process_file", _("Process file")
    GUIDANCE = "guidance", _("On-site guidance record")
    ADVICE = "advice", _("Advice and suggestions")
    TRAINING = "training", _("Training material")
    OTHER = "other", _("Other")


class RequestAttachment(models.Model):
    request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.PROTECT,
        related_name="attachments",
        verbose_name=_("request"),
    )
    purpose = models.CharField(
        _("purpose"),
        max_length=12,
        choices=AttachmentPurpose.choices,
        default=AttachmentPurpose.ENTERPRISE,
    )
    deliverable_kind = models.CharField(
        _("kind of deliverable"), max_length=14, choices=DeliverableKind.choices, blank=True
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_public = models.BooleanField(_("visible to the enterprise"), default=True)
    follow_up = models.ForeignKey(
        "services.FollowUp",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("follow-up record"),
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    objects = RetainedAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.original_name

    def delete(self, *args, **kwargs):
        from services.retention import check_deletable

        check_deletable(self.request)
        return super().delete(*args, **kwargs)


class RequestEventQuerySet(AppendOnlyQuerySet):
    def update_redacted(self):
        """Blank the text of these events once their retention has ended (services.retention)."""
        return models.QuerySet.update(self, message="—")


class RequestEvent(AppendOnlyModel):
    """One line of a request's history, its audit trail: never changed or deleted (000 4.6).

    `changes` holds {field label: [before, after]} for edits; status moves use from/to_status.
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        MESSAGE = "message", _("Message")
        ATTACHMENT = "attachment", _("Attachment added")
        STATUS = "status", _("Status changed")
        NOTE = "note", _("Internal note")
        CLASSIFIED = "classified", _("Classified")
        ASSIGNED = "assigned", _("Team assigned")
        PLAN = "plan", _("Service plan")
        PLAN_REVIEW = "plan_review", _("Plan review")
        FOLLOW_UP = "follow_up", _("Follow-up record")
        ROUND = "round", _("Technical assistance")
        COMPLAINT = "complaint", _("Complaint handling")
        BOOKING = "booking", _("Booking")
        RESOLUTION = "resolution", _("Resolution")
        DELIVERABLE = "deliverable", _("Deliverable")
        SURVEY = "survey", _("Satisfaction survey")
        ESCALATED = "escalated", _("Escalated")
        RETENTION = "retention", _("Records retention")

    request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("request"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    is_public = models.BooleanField(_("visible to the enterprise"), default=True)
    message = models.TextField(_("message"), max_length=4000, blank=True)
    from_status = models.CharField(max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=RequestStatus.choices, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    by_enterprise = models.BooleanField(_("written by the enterprise"), default=False)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    objects = RequestEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"
