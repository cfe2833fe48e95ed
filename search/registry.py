"""The registry of search sources: which models the public search covers and how to read them.

Each app declares its sources in a `search_sources.py` module, loaded when Django starts
(`SearchConfig.ready` autodiscovers it). A page model::

    from search.registry import register

    register(
        ServicePage,
        kind="service",
        label=_("Service"),
        body=["summary", "audience", "body"],
        qi_elements="qi_element",
    )

and a snippet (any Django model)::

    register(
        Expert,
        kind="expert",
        label=_("Expert"),
        title="name",
        body=["title", "specialties", "bio", "institution.name"],
        keywords=["specialties"],
        qi_elements="domains",
        industries="industries",
        queryset=lambda: Expert.objects.filter(is_active=True),
    )

Field specs are attribute names (dotted paths allowed), or callables taking the object. Text
fields may be plain text, HTML, StreamFields or lists; facet fields give one value or a list.
Pages are indexed when live and public; other models when in `queryset` (default: all rows).
Indexing follows publish / unpublish / move / delete for pages and save / delete for other models.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.html import strip_tags

_sources = {}


@dataclass
class SearchSource:
    model: Any
    kind: str
    label: Any
    title: Any = "title"
    body: tuple = ()
    keywords: tuple = ()
    qi_elements: Any = None
    districts: Any = None
    industries: Any = None
    url: Any = None
    queryset: Any = None
    published_at: Any = None
    boost: float = 1.0
    fallback_url: Any = None
    extra: dict = field(default_factory=dict)

    @property
    def is_page(self):
        from wagtail.models import Page

        return issubclass(self.model, Page)

    def get_queryset(self):
        if self.queryset is not None:
            return self.queryset()
        if self.is_page:
            return self.model.objects.live().public()
        return self.model._default_manager.all()

    def title_of(self, obj):
        return text_of(read(obj, self.title))

    def body_of(self, obj):
        return "\n".join(filter(None, (text_of(read(obj, spec)) for spec in self.body)))

    def keywords_of(self, obj):
        return [text_of(read(obj, spec)) for spec in self.keywords]

    def facet_values(self, obj, spec):
        value = read(obj, spec)
        if value in (None, ""):
            return []
        if isinstance(value, list | tuple | set):
            return [str(item) for item in value if item not in (None, "")]
        return [str(value)]

    def url_of(self, obj):
        if self.url is not None:
            return self.url(obj)
        try:
            if self.is_page:
                return obj.get_url() or ""
            return obj.get_absolute_url()
        except NoReverseMatch:
            # The model's public view is not routed in this build (yet).
            return self.fallback_url(obj) if self.fallback_url else ""

    def published_of(self, obj):
        if self.published_at is not None:
            value = read(obj, self.published_at)
            if isinstance(value, date) and not isinstance(value, datetime):
                # A plain date (a case's or a notice's own date) counts from midnight, local time.
                value = timezone.make_aware(datetime.combine(value, time.min))
            return value
        return getattr(obj, "last_published_at", None) or getattr(obj, "first_published_at", None)


def register(model, *, kind, label, **options):
    """Declare `model` a search source; returns the source. Registering again replaces it."""
    for name in ("body", "keywords"):
        if name in options:
            options[name] = tuple(options[name])
    source = SearchSource(model=model, kind=kind, label=label, **options)
    _sources[model] = source
    return source


def unregister(model):
    _sources.pop(model, None)


def sources():
    return list(_sources.values())


def source_for(model):
    """The source of `model` or of its nearest registered parent class."""
    for klass in getattr(model, "__mro__", ()):
        if klass in _sources:
            return _sources[klass]
    return None


def kind_labels():
    return {source.kind: source.label for source in _sources.values()}


def read(obj, spec):
    if spec is None:
        return None
    if callable(spec):
        return spec(obj)
    value = obj
    for part in spec.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    if callable(value) and not hasattr(value, "raw_data"):
        value = value()
    return value


def text_of(value):
    """Plain text of a field value: str, HTML, StreamField value, list, related object."""
    if value is None:
        return ""
    if hasattr(value, "raw_data"):
        return _text_from_raw(list(value.raw_data))
    if isinstance(value, list | tuple | set):
        return "\n".join(text_of(item) for item in value)
    if hasattr(value, "all") and callable(value.all):
        return "\n".join(str(item) for item in value.all())
    text = str(value)
    if "<" in text:
        text = strip_tags(text.replace("</p>", "</p>\n"))
    return text.strip()


def _text_from_raw(data):
    parts = []
    if isinstance(data, dict):
        if "type" in data and "value" in data:
            return _text_from_raw(data["value"])
        for key, item in data.items():
            if key in {"id", "type", "image", "level"}:
                continue
            parts.append(_text_from_raw(item))
    elif isinstance(data, list | tuple):
        parts.extend(_text_from_raw(item) for item in data)
    elif isinstance(data, str):
        parts.append(strip_tags(data))
    return "\n".join(part for part in parts if part and part.strip())
