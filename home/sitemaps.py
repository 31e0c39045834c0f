"""The sitemap: every live, public page in every language, at the site's configured address.

Wagtail's own sitemap lists the descendants of the site's root page, which are the German
pages only: the English tree starts at the root page's translation, beside it.
"""

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page


class MultilingualSitemap(WagtailSitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        pages = Page.objects.none()
        for translated_root in roots:
            pages |= Page.objects.descendant_of(translated_root, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()
