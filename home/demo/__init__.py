"""Demo site root: home page, site record, footer contact settings, about page."""

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from home.models import HomePage, PortalSettings, StandardPage
from portal.demo import remove_default_welcome_page, stream, upsert_page

from .content import ABOUT_PAGE, HOME_PAGE, PORTAL_SETTINGS


def _ensure_root():
    """The tree root and default locale; Wagtail's migrations create them, a flushed DB lacks them."""
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant("zh-hans"))
    return Page.get_first_root_node() or Page.add_root(title="Root", slug="root")


def load_site():
    root = _ensure_root()
    remove_default_welcome_page()
    home = upsert_page(root, HomePage, "home", **HOME_PAGE)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = "localhost"
    site.port = 80
    site.site_name = PORTAL_SETTINGS["platform_name"]
    site.root_page = home
    site.save()
    PortalSettings.objects.update_or_create(site=site, defaults=PORTAL_SETTINGS)
    upsert_page(
        home,
        StandardPage,
        ABOUT_PAGE["slug"],
        title=ABOUT_PAGE["title"],
        intro=ABOUT_PAGE["intro"],
        body=stream("paragraph", ABOUT_PAGE["paragraphs"]),
    )
    return home
