"""Filtering and pagination shared by the public list pages.

Unknown filter values and page numbers never raise: they are dropped with a notice and the
normal list is shown, so a mistyped or stale link still lands on a useful page.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

PER_PAGE_CHOICES = (10, 20, 50)
DEFAULT_PER_PAGE = 10


@dataclass
class ListFilter:
    """One GET parameter of a list page: label, allowed values, how it narrows a queryset.

    `choices` is a list of (value, label) pairs or a callable returning one (evaluated once per
    request); `apply(queryset, value)` returns the narrowed queryset.
    """

    name: str
    label: str
    choices: object
    apply: object
    value: str = ""
    options: list = field(default_factory=list)

    def bind(self, raw_value):
        choices = self.choices() if callable(self.choices) else self.choices
        bound = ListFilter(self.name, self.label, self.choices, self.apply)
        bound.options = [(str(value), label) for value, label in choices]
        allowed = {value for value, _label in bound.options}
        bound.value = raw_value if raw_value in allowed else ""
        return bound


@dataclass
class FilteredList:
    page: object
    filters: list
    notices: list
    per_page: int
    per_page_choices: tuple = PER_PAGE_CHOICES

    @property
    def active_filters(self):
        return {f.name: f.value for f in self.filters if f.value}


def _per_page(request, notices, default):
    raw = request.GET.get("per_page", "")
    if not raw:
        return default
    if raw.isdigit() and int(raw) in PER_PAGE_CHOICES:
        return int(raw)
    notices.append(
        _("“%(value)s” is not a valid number of items per page; showing %(default)s per page.")
        % {"value": raw[:20], "default": default}
    )
    return default


def filter_and_paginate(request, queryset, filters, default_per_page=DEFAULT_PER_PAGE):
    """Apply `filters` from request.GET, then paginate; collect notices on bad input."""
    notices = []
    bound_filters = []
    for list_filter in filters:
        raw = request.GET.get(list_filter.name, "")
        bound = list_filter.bind(raw)
        if raw and not bound.value:
            notices.append(
                _("“%(value)s” is not a known value for %(label)s; that filter was ignored.")
                % {"value": raw[:40], "label": list_filter.label}
            )
        if bound.value:
            queryset = bound.apply(queryset, bound.value)
        bound_filters.append(bound)

    per_page = _per_page(request, notices, default_per_page)
    paginator = Paginator(queryset, per_page)
    raw_page = request.GET.get("page", "1") or "1"
    number = int(raw_page) if raw_page.isdigit() else None
    if number is None or number < 1 or number > paginator.num_pages:
        notices.append(
            _("Page “%(page)s” does not exist; showing page 1.") % {"page": raw_page[:20]}
        )
        number = 1
    return FilteredList(
        page=paginator.page(number), filters=bound_filters, notices=notices, per_page=per_page
    )
