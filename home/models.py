from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BaseStreamBlock


class HomePage(Page):
    hero_title = models.CharField(_("hero title"), max_length=80)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from services.models import ServiceGuidePage, ServicePage, ServiceSectionPage
        from services.quality_map import public_figures

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = ServiceSectionPage.objects.live().order_by("path")
        context["featured_services"] = ServicePage.objects.live().order_by(
            "-first_published_at", "path"
        )[:6]
        context["process_guide"] = ServiceGuidePage.objects.live().order_by("path").first()
        context.update(self.resource_highlights())
        context["public_figures"] = public_figures()
        return context

    def resource_highlights(self):
        """Latest cases and news and a few instruments that can be booked today."""
        from resources.models import CasePage, Equipment, ResourceCategory, ResourcePage

        return {
            "latest_cases": CasePage.objects.live().order_by("-case_date", "-pk")[:3],
            "latest_news": ResourcePage.objects.live()
            .filter(category=ResourceCategory.NEWS)
            .order_by("-date", "-pk")[:4],
            "featured_equipment": Equipment.objects.bookable()
            .filter(is_featured=True)
            .select_related("institution")
            .order_by("name")[:4],
        }


class StandardPage(Page):
    """A plain content page: about the platform, privacy, contact."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Contact details in the footer and on the 404 page."""

    platform_name = models.CharField(
        _("platform name"), max_length=80, default="质量基础设施一站式服务平台"
    )
    operator = models.CharField(_("operated by"), max_length=120, blank=True)
    hotline = models.CharField(_("service hotline"), max_length=40, blank=True)
    email = models.EmailField(_("service email"), blank=True)
    address = models.CharField(_("service window address"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=120, blank=True)

    panels = [
        FieldPanel("platform_name"),
        FieldPanel("operator"),
        FieldRowPanel([FieldPanel("hotline"), FieldPanel("email")]),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
    ]

    class Meta:
        verbose_name = _("portal settings")
