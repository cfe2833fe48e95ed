"""From registered objects to `SearchEntry` rows, and from rows to the configured engine."""

import logging
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from search import registry
from search.engine import get_engine
from search.models import SearchEntry
from search.text import index_terms, pinyin_index_terms

logger = logging.getLogger(__name__)

MAX_BODY_TEXT = 20_000
FACETS = {"qi": "qi_elements", "district": "districts", "industry": "industries"}


def entry_fields(source, obj):
    """Everything a `SearchEntry` holds about `obj`, read through its source."""
    title = source.title_of(obj)[:255]
    body = source.body_of(obj)[:MAX_BODY_TEXT]
    keywords = [keyword for keyword in source.keywords_of(obj) if keyword]
    facet_keys = []
    for prefix, attribute in FACETS.items():
        for value in source.facet_values(obj, getattr(source, attribute)):
            facet_keys.append(f"{prefix}:{value}")
    return {
        "kind": source.kind,
        "title": title,
        "url": source.url_of(obj) or "",
        "body_text": body,
        "facet_keys": " ".join(dict.fromkeys(facet_keys))[:500],
        "boost": source.boost,
        "published_at": source.published_of(obj),
        "title_tokens": " ".join(index_terms(title)),
        "tokens": " ".join(index_terms("\n".join([body, *keywords]))),
        "pinyin": " ".join(pinyin_index_terms([title, *keywords])),
    }


def term_rows(entry):
    """(term, field, frequency) for the database engine, from the entry's token fields."""
    from search.models import SearchTerm

    rows = []
    for field, text in (
        (SearchTerm.Field.TITLE, entry.title_tokens),
        (SearchTerm.Field.BODY, entry.tokens),
        (SearchTerm.Field.PINYIN, entry.pinyin),
    ):
        for term, frequency in Counter(text.split()).items():
            rows.append((term, field, min(frequency, 32767)))
    return rows


def content_type_of(obj):
    return ContentType.objects.get_for_model(obj)


def index_instance(obj):
    """Index `obj` if its source still lists it (live, public, active...), otherwise remove it."""
    source = registry.source_for(type(obj))
    if source is None:
        return None
    content_type = content_type_of(obj)
    return index_by_key(content_type.pk, obj.pk)


def index_by_key(content_type_id, object_id):
    content_type = ContentType.objects.get_for_id(content_type_id)
    model = content_type.model_class()
    source = registry.source_for(model) if model is not None else None
    current = None
    if source is not None:
        current = source.get_queryset().filter(pk=object_id).first()
        if current is not None and hasattr(current, "specific"):
            current = current.specific
    if current is None:
        remove_by_key(content_type_id, object_id)
        return None
    with transaction.atomic():
        entry, _created = SearchEntry.objects.update_or_create(
            content_type_id=content_type_id,
            object_id=str(object_id),
            defaults=entry_fields(source, current),
        )
        get_engine().index_entries([entry])
    return entry


def remove_by_key(content_type_id, object_id):
    entries = list(
        SearchEntry.objects.filter(content_type_id=content_type_id, object_id=str(object_id))
    )
    if entries:
        get_engine().remove_entries([entry.pk for entry in entries])
        SearchEntry.objects.filter(pk__in=[entry.pk for entry in entries]).delete()


def rebuild(stdout=None):
    """Rebuild the entries of every source, drop those whose object is gone; return the count."""
    engine = get_engine()
    seen = set()
    count = 0
    for source in registry.sources():
        queryset = source.get_queryset()
        if source.is_page:
            queryset = queryset.specific()
        content_type = ContentType.objects.get_for_model(source.model)
        batch = []
        for obj in queryset.iterator(chunk_size=200):
            if type(obj) is not source.model and registry.source_for(type(obj)) is not source:
                continue  # a subclass with a source of its own is indexed by that source
            ct = content_type if type(obj) is source.model else content_type_of(obj)
            entry, _created = SearchEntry.objects.update_or_create(
                content_type=ct, object_id=str(obj.pk), defaults=entry_fields(source, obj)
            )
            seen.add(entry.pk)
            batch.append(entry)
            if len(batch) >= 200:
                engine.index_entries(batch)
                count += len(batch)
                batch = []
        if batch:
            engine.index_entries(batch)
            count += len(batch)
        if stdout is not None:
            stdout.write(f"{source.kind}: {queryset.count()}")
    stale = [pk for pk in SearchEntry.objects.values_list("pk", flat=True) if pk not in seen]
    for start in range(0, len(stale), 500):
        chunk = stale[start : start + 500]
        engine.remove_entries(chunk)
        SearchEntry.objects.filter(pk__in=chunk).delete()
    engine.refresh()
    return count
