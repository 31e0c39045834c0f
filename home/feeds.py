from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from . import selectors


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title} \N{EN DASH} Integration im Querschnitt"

    def link(self):
        # The Site's address (Settings → Sites), not the host of this request.
        return self.index_page.get_full_url(self.request)

    def feed_url(self):
        # This feed's own address on the Site's host, like every other link in it.
        index_url = self.index_page.get_full_url(self.request)
        return index_url + self.request.path.removeprefix(self.index_page.get_url(self.request))

    def description(self):
        return self.index_page.intro

    def items(self):
        return selectors.news_for_feed(self.index_page)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [area.short_title for area in item.localized_focus_areas]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


def rss_feed(index_page, request):
    return NewsRssFeed(index_page)(request)


def atom_feed(index_page, request):
    return NewsAtomFeed(index_page)(request)
