"""Reads of the home app for the view layer (template tags, feeds, search).

The pages' own reads are methods of their querysets (home/models.py), so that the models
never import this module; these functions add what views need around them. Every listing
here runs a fixed number of queries.
"""

from .models import NewsIndexPage, NewsPage, in_active_language, with_localized_focus_areas

FEED_SIZE = 20


def news_index_for_active_locale() -> NewsIndexPage | None:
    return NewsIndexPage.objects.for_active_locale()


def news_for_feed(index: NewsIndexPage) -> list[NewsPage]:
    news = in_active_language(index.news()[:FEED_SIZE], NewsPage.objects.for_listing())
    return with_localized_focus_areas(news)
