"""Reads that several parts of one page ask for (the Gestaltungsbereiche, "Aktuell" in the
visitor's language), remembered until the request ends.

Only inside a request: commands and tasks always read afresh. Any save or delete forgets
everything, so a request never sees its own writes' old state.
"""

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save

T = TypeVar("T")

_values: ContextVar[dict | None] = ContextVar("home_memo", default=None)


def start(**kwargs) -> None:
    _values.set({})


def end(**kwargs) -> None:
    _values.set(None)


def forget(**kwargs) -> None:
    values = _values.get()
    if values:
        values.clear()


request_started.connect(start, dispatch_uid="home.memo.start")
request_finished.connect(end, dispatch_uid="home.memo.end")
for signal in (post_save, post_delete, m2m_changed):
    signal.connect(forget, dispatch_uid=f"home.memo.forget.{id(signal)}")


def known(key: Hashable) -> bool:
    """Whether `key` was read in this request (always False outside requests)."""
    values = _values.get()
    return values is not None and key in values


def active() -> bool:
    return _values.get() is not None


def remember(key: Hashable, read: Callable[[], T]) -> T:
    """`read()`, or what it returned for `key` earlier in this request."""
    values = _values.get()
    if values is None:
        return read()
    if key not in values:
        values[key] = read()
    return values[key]
