"""Admin screens: synonyms and promoted results (snippets), and the search-terms report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from search import admin_views
from search.models import PromotedResult, SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "list-ul"
    menu_label = _("Synonyms")
    list_display = ["__str__"]


class PromotedResultViewSet(SnippetViewSet):
    model = PromotedResult
    icon = "pick"
    menu_label = _("Promoted results")
    list_display = ["query", "entry", "sort_order"]
    search_fields = None


class SearchViewSetGroup(SnippetViewSetGroup):
    items = (SearchSynonymViewSet, PromotedResultViewSet)
    menu_icon = "search"
    menu_label = _("Search")
    menu_name = "portal-search"
    menu_order = 900


register_snippet(SearchViewSetGroup)


@hooks.register("register_admin_urls")
def register_report_url():
    return [
        path("reports/search-terms/", admin_views.search_terms_report, name="search_terms_report")
    ]


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_searchquerylog")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return SearchTermsMenuItem(
        _("Search terms"), reverse("search_terms_report"), icon_name="search", order=900
    )
