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
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = {RequestStatus.SUBMITTED, RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS}

# The lifecycle in one place: from -> {to: who may make the move}. The queue issue extends it.
ALLOWED_TRANSITIONS = {
    RequestStatus.SUBMITTED: {
        RequestStatus.ACCEPTED: "staff",
        RequestStatus.DECLINED: "staff",
        RequestStatus.WITHDRAWN: "enterprise",
    },
    RequestStatus.ACCEPTED: {
        RequestStatus.IN_PROGRESS: "staff",
        RequestStatus.WITHDRAWN: "enterprise",
    },
    RequestStatus.IN_PROGRESS: {
        RequestStatus.RESOLVED: "staff",
        RequestStatus.WITHDRAWN: "enterprise",
    },
    RequestStatus.RESOLVED: {RequestStatus.CLOSED: "staff"},
}


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

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-created_at"]
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
        return ALLOWED_TRANSITIONS.get(self.status, {}).get(to_status) == role

    def public_events(self):
        return self.events.filter(is_public=True).order_by("created_at", "pk")


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


class RequestAttachment(models.Model):
    request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("request"),
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

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.original_name


class AppendOnlyError(Exception):
    pass


class RequestEvent(models.Model):
    """One line of a request's history. Rows are never changed or deleted (000 4.6)."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        MESSAGE = "message", _("Message")
        ATTACHMENT = "attachment", _("Attachment added")
        STATUS = "status", _("Status changed")
        NOTE = "note", _("Internal note")

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

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Request events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Request events are append-only.")
