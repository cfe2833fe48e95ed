"""Atom feed of the industry news in the open resources."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from resources.models.equipment import PORTAL_TIME_ZONE
from resources.models.library import ResourceCategory

FEED_LENGTH = 20


class NewsFeed(Feed):
    feed_type = Atom1Feed
    description = _("Industry news from the QI one-stop service platform")

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(title)s: industry news") % {"title": self.index_page.title}

    def link(self):
        return self.index_page.get_url(self.request) + "?category=news"

    def subtitle(self):
        return self.description

    def items(self):
        return (
            self.index_page.items()
            .filter(category=ResourceCategory.NEWS)
            .only("title", "date", "summary", "url_path", "path", "depth", "first_published_at")[
                :FEED_LENGTH
            ]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.date, datetime.time(9), tzinfo=PORTAL_TIME_ZONE)

    def item_updateddate(self, item):
        return self.item_pubdate(item)
