"""The enterprise, root of its file (一企一档, 003 7.3), and the accounts that act for it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.choices import District, Industry
from services.validators import normalize_uscc, validate_uscc


class EnterpriseSize(models.TextChoices):
    LARGE = "large", _("Large")
    MEDIUM = "medium", _("Medium")
    SMALL = "small", _("Small")
    MICRO = "micro", _("Micro")


class Enterprise(models.Model):
    name = models.CharField(_("enterprise name"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_uscc],
        help_text=_("18 characters, as printed on the business licence."),
    )
    district = models.CharField(_("district"), max_length=20, choices=District.choices, blank=True)
    industry = models.CharField(_("industry"), max_length=1, choices=Industry.choices, blank=True)
    size = models.CharField(_("size"), max_length=10, choices=EnterpriseSize.choices, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=60)
    contact_phone = models.CharField(_("phone"), max_length=30)
    contact_email = models.EmailField(_("email"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.credit_code})"

    def save(self, *args, **kwargs):
        self.credit_code = normalize_uscc(self.credit_code)
        super().save(*args, **kwargs)


class EnterpriseMembership(models.Model):
    """Links an account to the enterprise it acts for; a pending claim grants nothing."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PENDING = "pending", _("Pending confirmation")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enterprise_membership",
        verbose_name=_("user"),
    )
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("enterprise"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("enterprise membership")
        verbose_name_plural = _("enterprise memberships")

    def __str__(self):
        return f"{self.user} → {self.enterprise}"


def enterprise_of(user):
    """The enterprise a logged-in user may act for, or None (pending claims grant nothing)."""
    if not getattr(user, "is_authenticated", False):
        return None
    membership = (
        EnterpriseMembership.objects.select_related("enterprise")
        .filter(user=user, status=EnterpriseMembership.Status.ACTIVE)
        .first()
    )
    return membership.enterprise if membership else None
