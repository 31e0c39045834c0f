from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(items, page_number, *, per_page: int):
    """Return a page of items; a missing, malformed or too large number never raises."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(page_number or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        # Past the end: the last page; zero or negative: the first.
        return paginator.page(1 if int(page_number) < 1 else paginator.num_pages)
