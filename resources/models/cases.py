"""Typical cases of quality technical assistance (001 7.3.1, Annex F)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from portal.choices import District, Industry, QIElement
from portal.fields import ChoiceListField, has_choice
from resources.listing import ListFilter, filter_and_paginate

# 001 Annex F: the enterprise profile is kept within 300 characters.
PROFILE_MAX_LENGTH = 300


class CaseIndexPage(Page):
    """`/cases/`: the published cases, filterable by industry, QI element, region and service."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.CasePage"]
    max_count = 1

    class Meta:
        verbose_name = _("case library")

    def case_filters(self):
        from services.models import ServicePage

        return [
            ListFilter(
                "industry",
                _("Industry"),
                Industry.choices,
                lambda qs, value: qs.filter(industry=value),
            ),
            ListFilter(
                "qi_element",
                _("QI element"),
                QIElement.choices,
                lambda qs, value: qs.filter(has_choice("qi_elements", value)),
            ),
            ListFilter(
                "district",
                _("Region"),
                District.choices,
                lambda qs, value: qs.filter(district=value),
            ),
            ListFilter(
                "service",
                _("Service used"),
                lambda: (
                    ServicePage.objects.live()
                    .filter(cases__isnull=False)
                    .distinct()
                    .order_by("title")
                    .values_list("slug", "title")
                ),
                lambda qs, value: qs.filter(services__slug=value).distinct(),
            ),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cases = CasePage.objects.live().child_of(self).order_by("-case_date", "-pk")
        context["listing"] = filter_and_paginate(request, cases, self.case_filters())
        return context


class CasePage(Page):
    """One typical case in the structure of 001 Annex F."""

    enterprise_name = models.CharField(_("enterprise name"), max_length=120)
    enterprise_profile = models.TextField(
        _("enterprise profile"),
        max_length=PROFILE_MAX_LENGTH,
        validators=[MaxLengthValidator(PROFILE_MAX_LENGTH)],
        help_text=_("At most 300 characters (001 Annex F)."),
    )
    case_date = models.DateField(_("date of the case"))
    industry = models.CharField(_("industry"), max_length=2, choices=Industry.choices)
    qi_elements = ChoiceListField(_("QI elements"), choice_set=QIElement, blank=False)
    district = models.CharField(_("region"), max_length=16, choices=District.choices)
    services = ParentalManyToManyField(
        "services.ServicePage",
        verbose_name=_("services used"),
        related_name="cases",
        blank=True,
    )
    # 二、开展的主要工作
    diagnosis = models.TextField(_("diagnosis and survey stage"))
    assistance = models.TextField(_("assistance and improvement stage"))
    follow_up = models.TextField(_("follow-up visit stage"))
    # 三、质量帮扶工作成效
    expert_advice = models.TextField(_("expert advice"))
    enterprise_actions = models.TextField(_("enterprise actions"))
    management_benefit = models.TextField(_("management benefit"), blank=True)
    economic_benefit = models.TextField(_("economic benefit"), blank=True)
    social_benefit = models.TextField(_("social benefit"), blank=True)
    # 四、行业共性质量问题或质量关注要点
    industry_problems = models.TextField(_("industry-wide problems and points of attention"))
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Fictional case from the demo content.")
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("enterprise_name"),
                FieldPanel("enterprise_profile"),
                FieldRowPanel([FieldPanel("industry"), FieldPanel("district")]),
                FieldPanel("case_date"),
            ],
            heading=_("1. Enterprise profile"),
        ),
        MultiFieldPanel(
            [FieldPanel("diagnosis"), FieldPanel("assistance"), FieldPanel("follow_up")],
            heading=_("2. Main work"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("expert_advice"),
                FieldPanel("enterprise_actions"),
                FieldPanel("management_benefit"),
                FieldPanel("economic_benefit"),
                FieldPanel("social_benefit"),
            ],
            heading=_("3. Results"),
        ),
        FieldPanel("industry_problems", heading=_("4. Industry-wide problems")),
        MultiFieldPanel(
            [
                FieldPanel("qi_elements"),
                FieldPanel("services", widget=forms.CheckboxSelectMultiple),
                FieldPanel("is_sample"),
            ],
            heading=_("Tags"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("enterprise_name"),
        index.SearchField("enterprise_profile"),
        index.SearchField("diagnosis"),
        index.SearchField("assistance"),
        index.SearchField("expert_advice"),
        index.SearchField("industry_problems"),
        index.FilterField("industry"),
        index.FilterField("district"),
    ]

    parent_page_types = ["resources.CaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def clean(self):
        super().clean()
        if len(self.enterprise_profile or "") > PROFILE_MAX_LENGTH:
            raise ValidationError(
                {
                    "enterprise_profile": _(
                        "The enterprise profile may have at most 300 characters; it has %(count)s."
                    )
                    % {"count": len(self.enterprise_profile)}
                }
            )

    @cached_property
    def qi_element_labels(self):
        return self._meta.get_field("qi_elements").labels(self.qi_elements)

    @property
    def summary(self):
        return self.enterprise_profile

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["service_list"] = list(self.services.filter(live=True).order_by("title"))
        return context
