from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from search import signals
        from search.models import SearchSynonym
        from search.query import forget_synonyms

        # Each app declares what it contributes to the search in its search_sources.py.
        autodiscover_modules("search_sources")
        signals.connect()
        post_save.connect(forget_synonyms, sender=SearchSynonym, dispatch_uid="search-synonyms")
        post_delete.connect(
            forget_synonyms, sender=SearchSynonym, dispatch_uid="search-synonyms-del"
        )
