"""Open resources (003 8.4.3): news, policies and regulations, standards information, science."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from resources.blocks import ResourceBodyBlock
from resources.listing import ListFilter, filter_and_paginate


class ResourceCategory(models.TextChoices):
    NEWS = "news", _("Industry news")
    POLICY = "policy", _("Policies and regulations")
    STANDARD = "standard", _("Standards information")
    SCIENCE = "science", _("Science popularisation")


class StandardStatus(models.TextChoices):
    CURRENT = "current", _("Current")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UPCOMING = "upcoming", _("Upcoming")


class ResourceIndexPage(RoutablePageMixin, Page):
    """`/resources/`: every item newest first, by category; `/resources/feed/` is the news feed."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count = 1

    class Meta:
        verbose_name = _("open resources")

    def items(self):
        return ResourcePage.objects.live().child_of(self).order_by("-date", "-pk")

    def resource_filters(self):
        return [
            ListFilter(
                "category",
                _("Category"),
                ResourceCategory.choices,
                lambda qs, value: qs.filter(category=value),
            ),
            ListFilter(
                "standard_status",
                _("Standard status"),
                StandardStatus.choices,
                lambda qs, value: qs.filter(
                    category=ResourceCategory.STANDARD, standard_status=value
                ),
            ),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = filter_and_paginate(request, self.items(), self.resource_filters())
        return context

    @path("feed/")
    def news_feed(self, request):
        from resources.feeds import NewsFeed

        return NewsFeed(self)(request)


class ResourcePage(Page):
    """One item of the open resources; standards information carries number, status and date."""

    category = models.CharField(
        _("category"), max_length=12, choices=ResourceCategory.choices, db_index=True
    )
    date = models.DateField(_("date"), help_text=_("Publication date; lists are newest first."))
    summary = models.TextField(_("summary"), max_length=300)
    issuer = models.CharField(
        _("issued by"), max_length=120, blank=True, help_text=_("Source or issuing authority.")
    )
    document_number = models.CharField(
        _("document number"), max_length=80, blank=True, help_text=_("For policies: 文号.")
    )
    standard_number = models.CharField(
        _("standard number"), max_length=60, blank=True, help_text=_("For example GB/T 19001-2016")
    )
    standard_status = models.CharField(
        _("standard status"), max_length=10, choices=StandardStatus.choices, blank=True
    )
    implementation_date = models.DateField(_("implementation date"), null=True, blank=True)
    body = StreamField(ResourceBodyBlock(), verbose_name=_("body"), blank=True)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Written for the demo content.")
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("category"), FieldPanel("date")]),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("document_number")]),
        MultiFieldPanel(
            [
                FieldPanel("standard_number"),
                FieldRowPanel([FieldPanel("standard_status"), FieldPanel("implementation_date")]),
            ],
            heading=_("Standards information"),
        ),
        FieldPanel("body"),
        FieldPanel("is_sample"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("standard_number"),
        index.SearchField("body"),
        index.FilterField("category"),
    ]

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("resource item")
        verbose_name_plural = _("resource items")

    def clean(self):
        super().clean()
        if self.category == ResourceCategory.STANDARD:
            errors = {}
            if not self.standard_number:
                errors["standard_number"] = _("Standards information needs the standard number.")
            if not self.standard_status:
                errors["standard_status"] = _("Standards information needs the standard status.")
            if errors:
                raise ValidationError(errors)
