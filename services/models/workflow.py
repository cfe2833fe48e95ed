"""Working a request in the queue: time limits, plans and their reviews, follow-ups,
technical-assistance rounds and the outbox of notifications.

003 7.1.1 and 004 6.2.3 (plan), 004 6.2.4 (review), 004 7.3 (plan changes), 003 7.2.3 (follow-up),
001 7.2.3-7.2.5 and Annexes B, D (cause analysis, linkage record, re-inspection rounds).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from portal.append_only import AppendOnlyModel
from portal.fields import ChoiceListField
from services.models.requests import RequestType, ServiceRequest


class TimeLimit(models.Model):
    """How long the platform has to acknowledge and to resolve each type; set by managers."""

    request_type = models.CharField(
        _("request type"), max_length=20, choices=RequestType.choices, unique=True
    )
    acknowledge_hours = models.PositiveIntegerField(
        _("acknowledge within (hours)"),
        help_text=_("From submission to acceptance or a reasoned decline."),
    )
    resolve_days = models.PositiveIntegerField(
        _("resolve within (days)"), help_text=_("From submission to resolution.")
    )

    class Meta:
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        ordering = ["request_type"]

    def __str__(self):
        return self.get_request_type_display()

    def due_times(self, start):
        return (
            start + timedelta(hours=self.acknowledge_hours),
            start + timedelta(days=self.resolve_days),
        )


@register_setting(icon="time")
class QueueSettings(BaseGenericSetting):
    """Survey timing for the whole platform (001 7.2.6.1, 000 6.5.5)."""

    survey_valid_days = models.PositiveIntegerField(_("survey link valid for (days)"), default=30)
    survey_reminder_days = models.PositiveIntegerField(
        _("remind after (days) without an answer"), default=7
    )
    periodic_survey_days = models.PositiveIntegerField(
        _("periodic survey of all served enterprises every (days)"),
        default=180,
        help_text=_("000 6.5.5: regular satisfaction surveys of everyone served; 0 turns it off."),
    )

    class Meta:
        verbose_name = _("queue settings")


class ServiceMethod(models.TextChoices):
    """004 6.3.1 e) and 001 7.2.3.3.2: how the service is delivered."""

    ON_SITE = "on_site", _("On-site guidance")
    ONE_TO_ONE = "one_to_one", _("One-to-one coaching")
    TRAINING = "training", _("Training")
    SEMINAR = "seminar", _("Seminar or discussion")
    EXPERT_PANEL = "expert_panel", _("Expert consultation")
    DOCUMENTS = "documents", _("Drafting documents and standards")
    TESTING = "testing", _("Testing or calibration")
    DEMONSTRATION = "demonstration", _("Small-scale demonstration")
    ONLINE = "online", _("Online service")


class ServicePlan(AppendOnlyModel):
    """One version of a request's service plan; a change is a new version (004 7.3)."""

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.PROTECT, related_name="plans", verbose_name=_("request")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    status_analysis = models.TextField(_("status analysis"), max_length=4000)
    main_problems = models.TextField(_("main problems"), max_length=4000)
    goals = models.TextField(
        _("goals"),
        max_length=2000,
        help_text=_("004 6.2.3 b): goals that can be assessed, evaluated and verified."),
    )
    service_items = models.TextField(_("service items"), max_length=4000)
    service_methods = ChoiceListField(_("service modes"), choice_set=ServiceMethod)
    schedule = models.TextField(
        _("schedule"), max_length=2000, help_text=_("Period and key milestones.")
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    team_roles = models.TextField(_("team members and roles"), max_length=2000, blank=True)
    safeguards = models.TextField(_("safeguards"), max_length=2000, blank=True)
    expected_effect = models.TextField(_("expected effect"), max_length=2000)
    change_reason = models.TextField(
        _("reason for the change"),
        max_length=2000,
        blank=True,
        help_text=_(
            "004 7.3.1: the change, its cost and its organisational, technical and commercial "
            "impact, as agreed with the enterprise."
        ),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("service plan")
        verbose_name_plural = _("service plans")
        ordering = ["request", "version"]
        constraints = [
            models.UniqueConstraint(fields=["request", "version"], name="unique_plan_version")
        ]

    def __str__(self):
        return f"{self.request_id} v{self.version}"

    def service_method_labels(self):
        return self._meta.get_field("service_methods").labels(self.service_methods)

    def latest_review(self):
        """Uses prefetched reviews when there are some."""
        reviews = sorted(self.reviews.all(), key=lambda review: (review.created_at, review.pk))
        return reviews[-1] if reviews else None


class ReviewResult(models.TextChoices):
    MET = "met", _("Meets")
    PARTLY = "partly", _("Partly meets")
    NOT_MET = "not_met", _("Does not meet")


class ReviewConclusion(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REVISE = "revise", _("To be revised")


# 004 6.2.4 a)-f): what a plan review looks at.
REVIEW_CRITERIA = [
    ("goal_fitness", _("Fitness of the goals")),
    ("completeness", _("Completeness of the content")),
    ("feasibility", _("Feasibility")),
    ("staffing", _("Match of the team")),
    ("timing", _("Reasonable schedule")),
    ("expected_benefit", _("Expected benefit")),
]


class PlanReview(AppendOnlyModel):
    """The review of one plan version against 004 6.2.4, confirmed in writing."""

    plan = models.ForeignKey(
        ServicePlan, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("plan")
    )
    goal_fitness = models.CharField(
        _("fitness of the goals"), max_length=8, choices=ReviewResult.choices
    )
    completeness = models.CharField(
        _("completeness of the content"), max_length=8, choices=ReviewResult.choices
    )
    feasibility = models.CharField(_("feasibility"), max_length=8, choices=ReviewResult.choices)
    staffing = models.CharField(_("match of the team"), max_length=8, choices=ReviewResult.choices)
    timing = models.CharField(_("reasonable schedule"), max_length=8, choices=ReviewResult.choices)
    expected_benefit = models.CharField(
        _("expected benefit"), max_length=8, choices=ReviewResult.choices
    )
    conclusion = models.CharField(_("conclusion"), max_length=8, choices=ReviewConclusion.choices)
    comments = models.TextField(_("comments"), max_length=4000, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("reviewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.plan} {self.conclusion}"

    def results(self):
        return [
            (label, getattr(self, name), getattr(self, f"get_{name}_display")())
            for name, label in REVIEW_CRITERIA
        ]


class FollowUpMode(models.TextChoices):
    VISIT = "visit", _("Visit")
    PHONE = "phone", _("Phone call")
    MEETING = "meeting", _("Meeting")
    ONLINE = "online", _("Online meeting or chat")
    EMAIL = "email", _("Email")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class FollowUp(AppendOnlyModel):
    """A visit, call or meeting as it happened (003 7.2.3.2); corrections are new records."""

    request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("request"),
    )
    happened_on = models.DateField(_("date"))
    mode = models.CharField(_("mode"), max_length=10, choices=FollowUpMode.choices)
    participants = models.CharField(_("participants"), max_length=300, blank=True)
    content = models.TextField(_("content"), max_length=4000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("follow-up record")
        verbose_name_plural = _("follow-up records")
        ordering = ["happened_on", "pk"]

    def __str__(self):
        return f"{self.happened_on} {self.get_mode_display()}"


class SectionState(models.TextChoices):
    """001 Annex D: each section of the linkage record is done or to be improved."""

    DONE = "done", _("Done")
    TO_IMPROVE = "to_improve", _("To be improved")


class Reinspection(models.TextChoices):
    """001 Annex D section 5 and 7.2.5."""

    NOT_NEEDED = "not_needed", _("No re-inspection needed")
    NOT_YET = "not_yet", _("Not yet re-inspected")
    PASSED = "passed", _("Re-inspection passed")
    FAILED = "failed", _("Re-inspection failed")


# 001 Annex B: man, machine, material, method, environment, measurement.
CAUSE_FIELDS = [
    "cause_man",
    "cause_machine",
    "cause_material",
    "cause_method",
    "cause_environment",
    "cause_measurement",
]

# 001 Annex D sections 1-4: (state field, current-situation field).
LINKAGE_SECTIONS = [
    ("cause_analysis_state", "cause_analysis_note"),
    ("disposal_state", "disposal_note"),
    ("rectification_state", "rectification_note"),
    ("management_state", "management_note"),
]


class AssistanceRound(models.Model):
    """One round of technical assistance: cause analysis, linkage record, re-inspection.

    001 7.2.5.2: a failed re-inspection closes the round and opens the next one. Edits are
    recorded field by field in the request's audit trail.
    """

    request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("request"),
    )
    number = models.PositiveSmallIntegerField(_("round"))
    visited_on = models.DateField(_("visit date"), null=True, blank=True)
    batch = models.CharField(_("production date or batch"), max_length=100, blank=True)
    quantity = models.CharField(_("quantity"), max_length=60, blank=True)
    nonconforming_disposal = models.TextField(
        _("disposal of nonconforming products"),
        max_length=4000,
        blank=True,
        help_text=_(
            "Products in stock, samples returned by the testing body, products already sold."
        ),
    )
    cause_man = models.TextField(_("man (personnel)"), max_length=2000, blank=True)
    cause_machine = models.TextField(_("machine (equipment)"), max_length=2000, blank=True)
    cause_material = models.TextField(_("material"), max_length=2000, blank=True)
    cause_method = models.TextField(_("method"), max_length=2000, blank=True)
    cause_environment = models.TextField(_("environment"), max_length=2000, blank=True)
    cause_measurement = models.TextField(_("measurement"), max_length=2000, blank=True)
    knowledge_entries = models.ManyToManyField(
        "resources.KnowledgeEntryPage",
        blank=True,
        related_name="assistance_rounds",
        verbose_name=_("related common problems"),
    )
    cause_analysis_state = models.CharField(
        _("1. cause analysis of the nonconformity"),
        max_length=10,
        choices=SectionState.choices,
        blank=True,
    )
    cause_analysis_note = models.TextField(_("current situation"), max_length=2000, blank=True)
    disposal_state = models.CharField(
        _("2. handling of nonconforming products"),
        max_length=10,
        choices=SectionState.choices,
        blank=True,
    )
    disposal_note = models.TextField(_("current situation"), max_length=2000, blank=True)
    rectification_state = models.CharField(
        _("3. corrective measures and their implementation"),
        max_length=10,
        choices=SectionState.choices,
        blank=True,
    )
    rectification_note = models.TextField(_("current situation"), max_length=2000, blank=True)
    management_state = models.CharField(
        _("4. management improvement"),
        max_length=10,
        choices=SectionState.choices,
        blank=True,
    )
    management_note = models.TextField(_("current situation"), max_length=2000, blank=True)
    reinspection = models.CharField(
        _("5. re-inspection"),
        max_length=10,
        choices=Reinspection.choices,
        default=Reinspection.NOT_YET,
    )
    reinspected_on = models.DateField(_("re-inspection date"), null=True, blank=True)
    reinspection_note = models.TextField(_("current situation"), max_length=2000, blank=True)
    expert_advice = models.TextField(
        _("6. rectification and assistance advice"), max_length=4000, blank=True
    )
    improvement = models.TextField(
        _("7. improvement of product quality and quality management"),
        max_length=4000,
        blank=True,
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("opened at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("assistance round")
        verbose_name_plural = _("assistance rounds")
        ordering = ["request", "number"]
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="unique_assistance_round")
        ]

    def __str__(self):
        return f"{self.request_id} #{self.number}"

    @property
    def is_open(self):
        return self.closed_at is None

    def causes(self):
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name)) for name in CAUSE_FIELDS
        ]

    def sections(self):
        return [
            (
                self._meta.get_field(state).verbose_name,
                getattr(self, f"get_{state}_display")(),
                getattr(self, note),
            )
            for state, note in LINKAGE_SECTIONS
        ]


class Notification(models.Model):
    """The outbox: a mail to send once, whatever retries happen (keys are unique)."""

    key = models.CharField(max_length=200, unique=True)
    template = models.CharField(max_length=60)
    request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    survey = models.ForeignKey(
        "services.SatisfactionSurvey",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    recipient = models.EmailField()
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["sent_at", "created_at"], name="notification_pending")]

    def __str__(self):
        return self.key
