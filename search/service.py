"""The search as the page and the API use it: promotions, the engine, facets, snippets, log."""

import math
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.choices import District, Industry, QIElement
from search import registry
from search.engine import get_engine
from search.models import PromotedResult, SearchEntry, SearchQueryLog
from search.query import highlight, parse_query, snippet

PER_PAGE = 10
MAX_PAGE = 100
FACET_LABELS = {
    "kind": _("Content type"),
    "qi": _("QI element"),
    "district": _("District"),
    "industry": _("Industry"),
}


def facet_value_labels(name):
    if name == "kind":
        return registry.kind_labels()
    return dict({"qi": QIElement, "district": District, "industry": Industry}[name].choices)


@dataclass
class ResultItem:
    entry: SearchEntry
    title_html: str
    snippet_html: str
    type_label: str
    promoted: bool = False

    @property
    def title(self):
        return self.entry.title

    @property
    def url(self):
        return self.entry.url


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list


@dataclass
class SearchResponse:
    query: str
    items: list = field(default_factory=list)
    count: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    facets: list = field(default_factory=list)
    filters: dict = field(default_factory=dict)

    @property
    def num_pages(self):
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages


def clean_filters(raw):
    """Only known facet values pass; anything else is ignored rather than an error."""
    filters = {}
    kinds = registry.kind_labels()
    for name in FACET_LABELS:
        value = str((raw or {}).get(name) or "").strip()[:40]
        if not value:
            continue
        known = kinds if name == "kind" else facet_value_labels(name)
        if value in known:
            filters[name] = value
    return filters


def run_search(raw_query, filters=None, page=1, per_page=PER_PAGE, log=True):
    parsed = parse_query(raw_query)
    filters = clean_filters(filters)
    try:
        page = min(max(int(page), 1), MAX_PAGE)
    except (TypeError, ValueError):
        page = 1
    response = SearchResponse(query=parsed.text, page=page, per_page=per_page, filters=filters)
    if not parsed.text:
        return response
    promoted = []
    if not filters:
        promoted = [
            promotion.entry
            for promotion in PromotedResult.objects.filter(query=parsed.text).select_related(
                "entry"
            )
        ]
    promoted_ids = [entry.pk for entry in promoted]
    engine = get_engine()
    if parsed:
        first = max(0, (page - 1) * per_page - len(promoted))
        size = per_page - len(promoted) if page == 1 else per_page
        result = engine.search(
            parsed, filters, offset=first, limit=max(size, 0), exclude_ids=promoted_ids
        )
    else:
        result = None
    ids = result.ids if result else []
    entries = SearchEntry.objects.in_bulk(ids)
    ranked = [entries[pk] for pk in ids if pk in entries]
    terms = parsed.highlight_terms()
    labels = registry.kind_labels()
    shown = (promoted if page == 1 else []) + ranked
    response.items = [
        ResultItem(
            entry=entry,
            title_html=highlight(entry.title, terms),
            snippet_html=snippet(entry.body_text, terms),
            type_label=labels.get(entry.kind, entry.kind),
            promoted=entry.pk in promoted_ids,
        )
        for entry in shown
    ]
    response.count = len(promoted) + (result.total if result else 0)
    response.facets = _facets(result.facets if result else {}, filters)
    if log and page == 1 and not filters:
        log_query(parsed.text, response.count)
    return response


def _facets(counts, filters):
    facets = []
    for name, label in FACET_LABELS.items():
        value_labels = facet_value_labels(name)
        options = [
            FacetOption(
                value=value,
                label=str(value_labels.get(value, value)),
                count=count,
                selected=filters.get(name) == value,
            )
            for value, count in sorted(
                (counts.get(name) or {}).items(), key=lambda item: (-item[1], item[0])
            )
            if value in value_labels
        ]
        if options:
            facets.append(Facet(name=name, label=label, options=options))
    return facets


def autocomplete(raw_query, limit=8):
    text = str(raw_query or "")[:40].strip()
    if not text:
        return []
    ids = get_engine().autocomplete(text, limit)
    entries = SearchEntry.objects.in_bulk(ids)
    labels = registry.kind_labels()
    return [
        {
            "title": entries[pk].title,
            "url": entries[pk].url,
            "type": str(labels.get(entries[pk].kind, "")),
        }
        for pk in ids
        if pk in entries
    ]


def suggested_services(limit=6):
    """Shown when nothing matches: the most relevant services by their boost, then by title."""
    return SearchEntry.objects.filter(kind="service").order_by("-boost", "pk")[:limit]


# Personal data never reaches the log: e-mail addresses, phone numbers and ID or credit codes.
_email = re.compile(r"\S+@\S+")
_long_number = re.compile(r"(?<![0-9a-z])[0-9a-z]*\d{6,}[0-9a-z]*")


def anonymise(text):
    text = _email.sub("[email]", text)
    return _long_number.sub("[number]", text)


def log_query(text, result_count):
    """Count the search for today: normalised text and result count only."""
    text = anonymise(text)[:200]
    if not text:
        return
    day = timezone.localdate()
    updated = SearchQueryLog.objects.filter(query=text, day=day).update(
        searches=F("searches") + 1, results=result_count
    )
    if not updated:
        try:
            with transaction.atomic():
                SearchQueryLog.objects.create(query=text, day=day, searches=1, results=result_count)
        except IntegrityError:
            SearchQueryLog.objects.filter(query=text, day=day).update(
                searches=F("searches") + 1, results=result_count
            )
