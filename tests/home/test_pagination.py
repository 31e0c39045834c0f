"""Reads in home/selectors.py: the pagination helper behind every listing (news, events, search).

The listings' own tests check once each that they go through it (page links keep the filters,
an odd page number gives a page); the odd numbers themselves are checked here.
"""

import pytest

from home.pagination import paginate


@pytest.mark.parametrize(
    ("count", "number", "expected_number", "expected_items"),
    [
        pytest.param(25, None, 1, range(1, 11), id="missing"),
        pytest.param(25, "", 1, range(1, 11), id="empty"),
        pytest.param(25, "1", 1, range(1, 11), id="first"),
        pytest.param(25, "2", 2, range(11, 21), id="second"),
        pytest.param(25, "3", 3, range(21, 26), id="last-and-shorter"),
        pytest.param(25, "4", 3, range(21, 26), id="past-the-end-gives-the-last"),
        pytest.param(25, "99999", 3, range(21, 26), id="far-past-the-end-gives-the-last"),
        pytest.param(25, "0", 1, range(1, 11), id="zero-gives-the-first"),
        pytest.param(25, "-3", 1, range(1, 11), id="negative-gives-the-first"),
        pytest.param(25, "abc", 1, range(1, 11), id="letters-give-the-first"),
        pytest.param(25, "1.5", 1, range(1, 11), id="fraction-gives-the-first"),
        pytest.param(25, "%00", 1, range(1, 11), id="escape-gives-the-first"),
        pytest.param(1, "2", 1, range(1, 2), id="one-item-past-the-end"),
        pytest.param(0, "2", 1, range(0), id="no-items-past-the-end"),
    ],
)
def test_paginate_never_raises_and_answers_with_a_page_that_exists(
    count, number, expected_number, expected_items
):
    items = list(range(1, count + 1))

    page = paginate(items, number, per_page=10)

    assert page.number == expected_number
    assert list(page) == list(expected_items)
