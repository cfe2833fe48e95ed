"""Knowledge base: common quality problems of each stage of product realisation (001 Annex C,
002 7.2.3.2.2), with their control requirements, browsable by stage and by 5M1E factor."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Page
from wagtail.search import index

from portal.fields import ChoiceListField, has_choice
from resources.listing import ListFilter, filter_and_paginate


class RealisationStage(models.TextChoices):
    """001 C.2: the stages of product realisation."""

    DESIGN = "design", _("Design and development")
    SUPPLY_CHAIN = "supply_chain", _("Supply chain management")
    PRODUCTION = "production", _("Production")
    QUALITY_CONTROL = "quality_control", _("Quality control")
    AFTER_SALES = "after_sales", _("After-sales service")


class CauseFactor(models.TextChoices):
    """001 7.2.3.2 and Annex B: man, machine, material, method, environment, measurement."""

    MAN = "man", _("Man (personnel)")
    MACHINE = "machine", _("Machine (equipment)")
    MATERIAL = "material", _("Material")
    METHOD = "method", _("Method")
    ENVIRONMENT = "environment", _("Environment")
    MEASUREMENT = "measurement", _("Measurement")


class KnowledgeIndexPage(Page):
    """`/knowledge/`: the stages, and every problem filterable by stage and factor."""

    intro = models.TextField(_("introduction"), blank=True)
    source = models.CharField(_("basis"), max_length=200, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("source")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.KnowledgeStagePage"]
    max_count = 1

    class Meta:
        verbose_name = _("knowledge base")

    def entry_filters(self):
        return [
            ListFilter(
                "stage",
                _("Stage"),
                RealisationStage.choices,
                lambda qs, value: qs.filter(stage=value),
            ),
            ListFilter(
                "factor",
                _("Factor"),
                CauseFactor.choices,
                lambda qs, value: qs.filter(has_choice("factors", value)),
            ),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stages"] = KnowledgeStagePage.objects.live().child_of(self).order_by("path")
        entries = KnowledgeEntryPage.objects.live().descendant_of(self).order_by("path")
        context["listing"] = filter_and_paginate(
            request, entries, self.entry_filters(), default_per_page=50
        )
        return context


class KnowledgeStagePage(Page):
    """One stage of product realisation with the control requirements of the whole stage."""

    stage = models.CharField(
        _("stage"), max_length=20, choices=RealisationStage.choices, unique=True
    )
    clause = models.CharField(_("clause"), max_length=40, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    control_requirements = models.TextField(
        _("control requirements"), help_text=_("How the stage is controlled; one paragraph a line.")
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("stage"), FieldPanel("clause")]),
        FieldPanel("intro"),
        FieldPanel("control_requirements"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("control_requirements"),
    ]

    parent_page_types = ["resources.KnowledgeIndexPage"]
    subpage_types = ["resources.KnowledgeEntryPage"]

    class Meta:
        verbose_name = _("knowledge stage")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entries"] = KnowledgeEntryPage.objects.live().child_of(self).order_by("path")
        return context


class KnowledgeEntryPage(Page):
    """One common quality problem with what controls it."""

    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=RealisationStage.choices,
        editable=False,
        db_index=True,
        help_text=_("Taken from the stage the entry sits in."),
    )
    clause = models.CharField(_("clause"), max_length=40, blank=True)
    factors = ChoiceListField(_("5M1E factors"), choice_set=CauseFactor)
    problem = models.TextField(_("common problem"))
    control_requirement = models.TextField(_("control requirement"))
    source = models.CharField(_("basis"), max_length=200, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("clause"),
        FieldPanel("factors"),
        FieldPanel("problem"),
        FieldPanel("control_requirement"),
        FieldPanel("source"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("problem"),
        index.SearchField("control_requirement"),
        index.FilterField("stage"),
    ]

    parent_page_types = ["resources.KnowledgeStagePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("knowledge entry")
        verbose_name_plural = _("knowledge entries")

    def clean(self):
        super().clean()
        parent = self.get_parent()
        if parent is not None and not isinstance(parent.specific, KnowledgeStagePage):
            raise ValidationError(_("A knowledge entry must sit in a stage."))

    def save(self, *args, **kwargs):
        parent = self.get_parent()
        if parent is not None:
            stage_page = parent.specific
            if isinstance(stage_page, KnowledgeStagePage):
                self.stage = stage_page.stage
        return super().save(*args, **kwargs)

    @cached_property
    def factor_labels(self):
        return self._meta.get_field("factors").labels(self.factors)

    @cached_property
    def factor_links(self):
        return list(zip(self.factors or [], self.factor_labels, strict=True))

    @property
    def summary(self):
        return self.problem
