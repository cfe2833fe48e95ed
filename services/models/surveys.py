"""Satisfaction surveys: at completion of a request (001 7.2.6.1 and Annex E; 004 6.4.2 and
Annex C; 003 7.2.4.2) and periodically to everyone served (000 6.5.5).

The link carries a token derived from a random nonce with the site secret: mails and reminders
can carry the same link, and the database alone does not reveal it.
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.choices import QIElement
from portal.fields import ChoiceListField


class ImprovementEffect(models.TextChoices):
    """001 Annex E question 3."""

    VERY_OBVIOUS = "very_obvious", _("Very obvious improvement")
    FAIRLY_OBVIOUS = "fairly_obvious", _("Fairly obvious improvement")
    NOT_OBVIOUS = "not_obvious", _("Not very obvious")


class ImprovedArea(models.TextChoices):
    """001 Annex E question 4."""

    AWARENESS = "awareness", _("Quality awareness")
    SYSTEMS = "systems", _("Management rules more complete")
    EQUIPMENT = "equipment", _("Equipment and processes optimised")
    ENVIRONMENT = "environment", _("Cleaner and safer workplace")
    TESTING = "testing", _("Inspection and testing capability")
    DIGITAL = "digital", _("Digitalisation and intelligence")
    PERFORMANCE = "performance", _("Business performance")
    COST = "cost", _("Lower costs")
    PRODUCT_QUALITY = "product_quality", _("Product quality")
    CUSTOMER = "customer", _("Customer satisfaction")
    OTHER = "other", _("Other")


class OverallSatisfaction(models.TextChoices):
    """001 Annex E question 5."""

    SATISFIED = "satisfied", _("Satisfied")
    FAIRLY_SATISFIED = "fairly_satisfied", _("Fairly satisfied")
    NEUTRAL = "neutral", _("Neutral")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


# Points per answer for averages; "satisfied" and "fairly satisfied" count as satisfied.
OVERALL_SCORES = {
    OverallSatisfaction.SATISFIED: 100,
    OverallSatisfaction.FAIRLY_SATISFIED: 80,
    OverallSatisfaction.NEUTRAL: 60,
    OverallSatisfaction.DISSATISFIED: 0,
}
SATISFIED_ANSWERS = [OverallSatisfaction.SATISFIED, OverallSatisfaction.FAIRLY_SATISFIED]


class SatisfiedAspect(models.TextChoices):
    """001 Annex E question 6."""

    GOVERNMENT = "government", _("Government service measures")
    STANDARDS = "standards", _("Product standards and testing services")
    TRAINING = "training", _("Training services")
    COMPETENCE = "competence", _("Professional competence of the service body")
    ATTITUDE = "attitude", _("Service attitude of the service body")
    FOLLOW_UP = "follow_up", _("Continued follow-up by the service body")
    OTHER = "other", _("Other")


class Rating(models.TextChoices):
    """004 Annex C questions 3-5."""

    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


class SatisfactionSurvey(models.Model):
    class Kind(models.TextChoices):
        COMPLETION = "completion", _("At completion")
        PERIODIC = "periodic", _("Periodic")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # One survey per request; periodic surveys belong to the enterprise only.
    request = models.OneToOneField(
        "services.ServiceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey",
        verbose_name=_("request"),
    )
    enterprise = models.ForeignKey(
        "services.Enterprise",
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("enterprise"),
    )
    # Who and what is rated, as at sending: results stay put when a request is reassigned.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("specialist"),
    )
    qi_element = models.CharField(
        _("QI element"), max_length=20, choices=QIElement.choices, blank=True
    )
    recipient = models.EmailField(_("sent to"), blank=True)
    token_nonce = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("link valid until"))
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, db_index=True)

    # 001 Annex E
    products = models.CharField(_("products concerned"), max_length=200, blank=True)
    improvement_effect = models.CharField(
        _("How much has your organisation improved?"),
        max_length=16,
        choices=ImprovementEffect.choices,
        blank=True,
    )
    improved_areas = ChoiceListField(
        _("In which areas has your organisation improved?"), choice_set=ImprovedArea
    )
    overall = models.CharField(
        _("Overall, how satisfied are you with this service?"),
        max_length=16,
        choices=OverallSatisfaction.choices,
        blank=True,
    )
    satisfied_aspects = ChoiceListField(
        _("Which aspects were you satisfied with?"), choice_set=SatisfiedAspect
    )
    # 004 Annex C
    main_content = models.TextField(_("Main service content"), max_length=2000, blank=True)
    main_results = models.TextField(_("Main results"), max_length=2000, blank=True)
    attitude = models.CharField(
        _("The team's service attitude"), max_length=12, choices=Rating.choices, blank=True
    )
    competence = models.CharField(
        _("The team's professional competence"), max_length=12, choices=Rating.choices, blank=True
    )
    effect = models.CharField(
        _("The effect of the service"), max_length=12, choices=Rating.choices, blank=True
    )
    suggestions = models.TextField(_("Opinions and suggestions"), max_length=4000, blank=True)
    other_text = models.CharField(_("Other, please specify"), max_length=200, blank=True)
    respondent_name = models.CharField(_("filled in by"), max_length=60, blank=True)
    respondent_phone = models.CharField(_("contact"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "created_at"], name="survey_kind_created")]

    def __str__(self):
        return f"{self.enterprise_id} {self.kind} {self.created_at:%Y-%m-%d}"

    @staticmethod
    def token_for_nonce(nonce):
        digest = hmac.new(
            settings.SECRET_KEY.encode(), f"survey:{nonce}".encode(), hashlib.sha256
        ).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    @staticmethod
    def hash_token(token):
        return hashlib.sha256((token or "").encode()).hexdigest()

    def issue_token(self):
        """A fresh link secret (128 random bits behind it); only the nonce and hash are kept."""
        self.token_nonce = secrets.token_hex(16)
        token = self.token_for_nonce(self.token_nonce)
        self.token_hash = self.hash_token(token)
        return token

    @property
    def token(self):
        return self.token_for_nonce(self.token_nonce)

    @property
    def is_answered(self):
        return self.answered_at is not None

    @property
    def is_expired(self):
        return self.expires_at < timezone.now()

    @property
    def score(self):
        return OVERALL_SCORES.get(self.overall)
