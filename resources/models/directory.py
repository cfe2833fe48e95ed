"""Expert pool and institution pool (003 8.2): who does the work, named on services and requests."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from portal.choices import District, Industry, QIElement
from portal.fields import ChoiceListField


class InstitutionKind(models.TextChoices):
    METROLOGY_INSTITUTE = "metrology_institute", _("Metrology institute")
    STANDARDS_INSTITUTE = "standards_institute", _("Standardization institute")
    TESTING_INSTITUTE = "testing_institute", _("Inspection and testing institute")
    CERTIFICATION_BODY = "certification_body", _("Certification body")
    IP_SERVICE = "ip_service", _("Intellectual property service centre")
    ASSOCIATION = "association", _("Industry association")
    UNIVERSITY = "university", _("University or research institute")
    CONSULTANCY = "consultancy", _("Quality consultancy")


class Qualification(models.TextChoices):
    CMA = "CMA", _("CMA inspection body accreditation (资质认定)")
    CNAS_LAB = "CNAS-L", _("CNAS laboratory accreditation")
    CNAS_IB = "CNAS-IB", _("CNAS inspection body accreditation")
    CNAS_CB = "CNAS-C", _("CNAS certification body accreditation")
    LEGAL_METROLOGY = "legal_metrology", _("Authorised legal metrology verification")
    CNCA = "CNCA", _("CNCA approved certification body")


class Institution(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=32, choices=InstitutionKind.choices)
    qi_elements = ChoiceListField(_("QI elements served"), choice_set=QIElement)
    qualifications = ChoiceListField(_("qualifications"), choice_set=Qualification)
    district = models.CharField(_("district"), max_length=16, choices=District.choices)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("service phone"), max_length=40, blank=True)
    email = models.EmailField(_("service email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Fictional record from the demo content.")
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldRowPanel([FieldPanel("short_name"), FieldPanel("slug")])],
            heading=_("Name"),
        ),
        FieldPanel("kind"),
        FieldPanel("qi_elements"),
        FieldPanel("qualifications"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("district"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
            ],
            heading=_("Public contact"),
        ),
        FieldPanel("is_sample"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.SearchField("description"),
        index.FilterField("district"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("resources:institution_detail", kwargs={"slug": self.slug})

    def qi_element_labels(self):
        return self._meta.get_field("qi_elements").labels(self.qi_elements)

    def qualification_labels(self):
        return self._meta.get_field("qualifications").labels(self.qualifications)


class Expert(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=40)
    title = models.CharField(_("professional title"), max_length=60)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        related_name="experts",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    domains = ChoiceListField(_("QI domains"), choice_set=QIElement)
    industries = ChoiceListField(_("industries"), choice_set=Industry)
    specialties = models.CharField(
        _("specialties"), max_length=200, help_text=_("Short phrases, separated by 、")
    )
    bio = models.TextField(_("public profile"), blank=True)
    # 003 6.4: private contact data is for platform staff only, never shown on the public site.
    phone = models.CharField(_("phone (internal)"), max_length=40, blank=True)
    email = models.EmailField(_("email (internal)"), blank=True)
    is_active = models.BooleanField(_("in the expert pool"), default=True)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Fictional record from the demo content.")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("title")]),
        FieldPanel("institution"),
        FieldPanel("domains"),
        FieldPanel("industries"),
        FieldPanel("specialties"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("phone"), FieldPanel("email")])],
            heading=_("Internal contact (not public)"),
        ),
        FieldRowPanel([FieldPanel("is_active"), FieldPanel("is_sample")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("title"),
        index.SearchField("specialties"),
        index.SearchField("bio"),
        index.FilterField("is_active"),
    ]

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}（{self.title}）"

    def get_absolute_url(self):
        return reverse("resources:expert_detail", kwargs={"pk": self.pk})

    def domain_labels(self):
        return self._meta.get_field("domains").labels(self.domains)
