from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_delete

        from wagtail.models import Page
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from portal.context_processors import clear_navigation_cache

        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(clear_navigation_cache, dispatch_uid=f"nav-cache-{signal!r}")
        post_delete.connect(clear_navigation_cache, sender=Page, dispatch_uid="nav-cache-delete")
