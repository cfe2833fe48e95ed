"""The public service catalogue: one section per QI element, one page per service item.

003 ch. 5 and Annex A give the elements and their services; 004 ch. 4 the consulting types;
000 ch. 5 the quality-butler menu. 003 7.1.2 asks that the service process be published.
"""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BaseStreamBlock
from portal.choices import DeliveryMode, QIElement
from portal.fields import ChoiceListField
from services.blocks import MaterialsBlock, ProcessStepsBlock, ServiceBodyBlock

RELATED_CASES_SHOWN = 6


class ServiceIndexPage(Page):
    """`/services/`: the whole catalogue, section by section."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["services.ServiceSectionPage", "services.ServiceGuidePage"]
    max_count = 1

    class Meta:
        verbose_name = _("service catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = list(ServiceSectionPage.objects.live().child_of(self).order_by("path"))
        services = (
            ServicePage.objects.live()
            .descendant_of(self)
            .order_by("path")
            .only("title", "slug", "url_path", "summary", "qi_element", "path", "depth")
        )
        by_element = {}
        for service in services:
            by_element.setdefault(service.qi_element, []).append(service)
        for section in sections:
            section.service_list = by_element.get(section.qi_element, [])
        context["sections"] = sections
        context["guides"] = ServiceGuidePage.objects.live().child_of(self)
        return context


class ServiceSectionPage(Page):
    """One QI element of the catalogue, e.g. 计量."""

    qi_element = models.CharField(
        _("QI element"), max_length=20, choices=QIElement.choices, unique=True
    )
    intro = models.TextField(_("introduction"), help_text=_("Shown under the title and in lists."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("qi_element"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.FilterField("qi_element"),
    ]

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = ["services.ServicePage"]

    class Meta:
        verbose_name = _("QI element section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = (
            ServicePage.objects.live()
            .child_of(self)
            .order_by("path")
            .prefetch_related("institutions")
        )
        return context


class ServicePage(Page):
    """One service item with everything an enterprise needs to decide and apply."""

    qi_element = models.CharField(
        _("QI element"),
        max_length=20,
        choices=QIElement.choices,
        editable=False,
        db_index=True,
        help_text=_("Taken from the section the page sits in."),
    )
    summary = models.TextField(_("summary"), max_length=300)
    audience = models.TextField(_("who it is for"))
    delivery_modes = ChoiceListField(_("delivery modes"), choice_set=DeliveryMode, blank=False)
    process_steps = StreamField(ProcessStepsBlock(), verbose_name=_("process steps"))
    materials = StreamField(MaterialsBlock(), verbose_name=_("materials to bring"), blank=True)
    time_limit = models.CharField(
        _("promised time limit"), max_length=80, help_text=_("For example: 5个工作日内出具报告")
    )
    time_limit_days = models.PositiveSmallIntegerField(
        _("time limit in working days"),
        null=True,
        blank=True,
        help_text=_("Used by the request queue to set the resolution due date."),
    )
    fees = models.TextField(
        _("fees"), help_text=_("Free, the charging basis, or how it is agreed.")
    )
    institutions = ParentalManyToManyField(
        "resources.Institution",
        verbose_name=_("providing institutions"),
        related_name="services",
        blank=True,
    )
    contact = models.TextField(_("contact"))
    source = models.CharField(
        _("basis"),
        max_length=120,
        blank=True,
        help_text=_("The standard clause this service item comes from."),
    )
    body = StreamField(ServiceBodyBlock(), verbose_name=_("details"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("delivery_modes"),
        FieldPanel("process_steps"),
        FieldPanel("materials"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("time_limit"), FieldPanel("time_limit_days")]),
                FieldPanel("fees"),
            ],
            heading=_("Time limit and fees"),
        ),
        FieldPanel("institutions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("contact"),
        FieldPanel("source"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("body"),
        index.FilterField("qi_element"),
    ]

    parent_page_types = ["services.ServiceSectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service item")

    def clean(self):
        super().clean()
        parent = self.get_parent()
        if parent is not None and not isinstance(parent.specific, ServiceSectionPage):
            raise ValidationError(_("A service item must sit in a QI element section."))

    def save(self, *args, **kwargs):
        parent = self.get_parent()
        if parent is not None:
            section = parent.specific
            if isinstance(section, ServiceSectionPage):
                self.qi_element = section.qi_element
        return super().save(*args, **kwargs)

    @property
    def apply_url(self):
        return f"{reverse('services:request_new')}?{urlencode({'service': self.slug})}"

    @cached_property
    def delivery_mode_labels(self):
        return self._meta.get_field("delivery_modes").labels(self.delivery_modes)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section"] = self.get_parent().specific
        context["provider_list"] = list(self.institutions.all())
        context["related_cases"] = list(
            self.cases.filter(live=True).order_by("-case_date", "-pk")[:RELATED_CASES_SHOWN]
        )
        return context


class ServiceGuidePage(Page):
    """A published description of how the platform serves (003 7.1.2), e.g. 服务流程."""

    intro = models.TextField(_("introduction"), blank=True)
    process_steps = StreamField(ProcessStepsBlock(), verbose_name=_("process steps"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("process_steps"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["services.ServiceIndexPage", "home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service guide")
