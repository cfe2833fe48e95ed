"""Shareable instruments (003 8.5.2, Annex A.8): the open equipment list and what can be booked."""

from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from portal.choices import District, QIElement
from portal.fields import ChoiceListField

PORTAL_TIME_ZONE = ZoneInfo("Asia/Shanghai")


def portal_today():
    """Today's date where the instruments are: calibration validity is judged by it."""
    return timezone.localdate(timezone=PORTAL_TIME_ZONE)


class EquipmentCategory(models.TextChoices):
    DIMENSIONAL = "dimensional", _("Dimensional measurement")
    MECHANICAL = "mechanical", _("Mechanical testing")
    ELECTRICAL = "electrical", _("Electrical and EMC testing")
    CHEMICAL = "chemical", _("Chemical analysis")
    ENVIRONMENTAL = "environmental", _("Environmental and reliability testing")
    OPTICAL = "optical", _("Optical and photometric testing")
    THERMAL = "thermal", _("Thermal measurement")
    NON_DESTRUCTIVE = "ndt", _("Non-destructive testing")


class SharingMode(models.TextChoices):
    """003 Annex A.8 b): the forms of open sharing."""

    TIME_SHARE = "time_share", _("Time-share rental")
    OUTSOURCED = "outsourced", _("Outsourced experiment")


class FeeUnit(models.TextChoices):
    PER_HOUR = "hour", _("per hour")
    PER_SAMPLE = "sample", _("per sample")


class EquipmentStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    MAINTENANCE = "maintenance", _("Under maintenance")
    RETIRED = "retired", _("Retired")


class EquipmentQuerySet(models.QuerySet):
    def public(self):
        """What the public list shows: everything but retired instruments."""
        return self.exclude(status=EquipmentStatus.RETIRED)

    def bookable(self, today=None):
        """Available and with a calibration still valid today (000 6.2.3)."""
        return self.filter(
            status=EquipmentStatus.AVAILABLE,
            calibration_valid_until__gte=today or portal_today(),
        )


class Equipment(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120)
    model_number = models.CharField(_("model"), max_length=80)
    category = models.CharField(_("category"), max_length=20, choices=EquipmentCategory.choices)
    qi_element = models.CharField(
        _("QI element"), max_length=20, choices=QIElement.choices, default=QIElement.TESTING
    )
    institution = models.ForeignKey(
        "resources.Institution",
        verbose_name=_("owning institution"),
        related_name="equipment",
        on_delete=models.PROTECT,
    )
    location = models.CharField(_("location"), max_length=200)
    district = models.CharField(_("district"), max_length=16, choices=District.choices)
    capabilities = models.TextField(
        _("capabilities"), help_text=_("Measuring range, accuracy, what it can test.")
    )
    sharing_modes = ChoiceListField(_("sharing modes"), choice_set=SharingMode, blank=False)
    fee_amount = models.DecimalField(_("fee (yuan)"), max_digits=8, decimal_places=2)
    fee_unit = models.CharField(_("fee charged"), max_length=10, choices=FeeUnit.choices)
    fee_note = models.CharField(_("fee note"), max_length=200, blank=True)
    open_hours = models.CharField(_("open hours"), max_length=120)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EquipmentStatus.choices,
        default=EquipmentStatus.AVAILABLE,
        db_index=True,
    )
    # 000 6.2.3: measuring and testing equipment is used only while its calibration is valid.
    calibration_valid_until = models.DateField(_("calibration valid until"), db_index=True)
    contact = models.CharField(_("booking contact"), max_length=200)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_featured = models.BooleanField(
        _("featured on the home page"), default=False, help_text=_("Shown when bookable.")
    )
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Fictional record from the demo content.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EquipmentQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("model_number")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("qi_element")]),
        FieldPanel("capabilities"),
        FieldPanel("photo"),
        MultiFieldPanel(
            [
                FieldPanel("institution"),
                FieldPanel("location"),
                FieldPanel("district"),
                FieldPanel("contact"),
            ],
            heading=_("Where and who"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("sharing_modes"),
                FieldRowPanel([FieldPanel("fee_amount"), FieldPanel("fee_unit")]),
                FieldPanel("fee_note"),
                FieldPanel("open_hours"),
            ],
            heading=_("Sharing and fees"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("calibration_valid_until")]),
            ],
            heading=_("Status and calibration"),
        ),
        FieldRowPanel([FieldPanel("is_featured"), FieldPanel("is_sample")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("model_number"),
        index.SearchField("capabilities"),
        index.FilterField("category"),
        index.FilterField("district"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("shared instrument")
        verbose_name_plural = _("shared instruments")
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name}（{self.model_number}）"

    def get_absolute_url(self):
        return reverse("resources:equipment_detail", kwargs={"pk": self.pk})

    @property
    def calibration_expired(self):
        return self.calibration_valid_until < portal_today()

    @property
    def is_bookable(self):
        return self.status == EquipmentStatus.AVAILABLE and not self.calibration_expired

    @property
    def booking_url(self):
        query = urlencode({"type": "booking", "equipment": self.pk})
        return f"{reverse('services:request_new')}?{query}"

    @cached_property
    def sharing_mode_labels(self):
        return self._meta.get_field("sharing_modes").labels(self.sharing_modes)

    @property
    def availability_label(self):
        if self.status != EquipmentStatus.AVAILABLE:
            return self.get_status_display()
        if self.calibration_expired:
            return _("Calibration expired")
        return _("Bookable")
