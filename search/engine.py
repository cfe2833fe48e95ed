"""One small search interface, two engines behind it, chosen by settings.

`settings.SEARCH_ENGINE` is "database" (the default: SQLite on one machine, PostgreSQL at scale)
or "elasticsearch" (the default when ELASTICSEARCH_URL is set). Both read the same `SearchEntry`
rows and the same parsed query (`search.query`), so they match Chinese the same way.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils.module_loading import import_string

from search.text import pinyin_terms

FACET_NAMES = ("kind", "qi", "district", "industry")
ENGINES = {
    "database": "search.engine.DatabaseEngine",
    "elasticsearch": "search.elasticsearch.ElasticsearchEngine",
}

_engine = None
_engine_key = None


def get_engine():
    """The engine named by settings.SEARCH_ENGINE, created once per configuration."""
    global _engine, _engine_key
    name = getattr(settings, "SEARCH_ENGINE", "") or (
        "elasticsearch" if getattr(settings, "ELASTICSEARCH_URL", "") else "database"
    )
    key = (name, getattr(settings, "ELASTICSEARCH_URL", ""), settings.SEARCH_INDEX_PREFIX)
    if _engine is None or _engine_key != key:
        _engine = import_string(ENGINES.get(name, name))()
        _engine_key = key
    return _engine


@dataclass
class EngineResult:
    """Ranked entry ids of the requested slice, the total, and facet counts {facet: Counter}."""

    ids: list
    total: int
    facets: dict = field(default_factory=dict)


def facet_pairs(facet_keys, kind):
    pairs = [("kind", kind)]
    for key in facet_keys.split():
        name, _, value = key.partition(":")
        pairs.append((name, value))
    return pairs


class SearchEngine:
    name = "base"

    def index_entries(self, entries):
        raise NotImplementedError

    def remove_entries(self, entry_ids):
        raise NotImplementedError

    def refresh(self):
        """Make recent changes visible to searches (Elasticsearch refresh); a no-op elsewhere."""

    def search(self, parsed, filters=None, offset=0, limit=10, exclude_ids=()):
        raise NotImplementedError

    def autocomplete(self, text, limit=8):
        raise NotImplementedError

    def ping(self):
        raise NotImplementedError


# Field weights of the database engine: a title word counts three times a body word.
FIELD_WEIGHTS = {1: 1.0, 2: 3.0, 3: 2.5}
MAX_CANDIDATES_PER_FALLBACK = 500
ENOUGH_COMPLETE_MATCHES = 10


class DatabaseEngine(SearchEngine):
    """An inverted index in the `SearchTerm` table, scored in Python over the matching postings.

    The same SQL runs on SQLite and PostgreSQL (an indexed `term IN (...)` lookup), so both rank
    alike. A group whose words never made it into the term list (jieba cut the text differently)
    falls back to a substring match on titles and text.
    """

    name = "database"

    def index_entries(self, entries):
        from search.indexing import term_rows
        from search.models import SearchTerm

        entries = list(entries)
        if not entries:
            return
        SearchTerm.objects.filter(entry__in=[entry.pk for entry in entries]).delete()
        SearchTerm.objects.bulk_create(
            [
                SearchTerm(entry_id=entry.pk, term=term, field=field, frequency=frequency)
                for entry in entries
                for term, field, frequency in term_rows(entry)
            ],
            batch_size=2000,
        )

    def remove_entries(self, entry_ids):
        from search.models import SearchTerm

        SearchTerm.objects.filter(entry_id__in=list(entry_ids)).delete()

    def ping(self):
        from search.models import SearchEntry

        SearchEntry.objects.exists()
        return self.name

    def _postings(self, terms):
        """(entry_id, term, field, frequency) rows; plain SQL, as this is the hot loop."""
        from django.db import connection

        from search.models import SearchTerm

        terms = sorted(terms)
        placeholders = ", ".join(["%s"] * len(terms))
        table = connection.ops.quote_name(SearchTerm._meta.db_table)
        sql = f"SELECT entry_id, term, field, frequency FROM {table} WHERE term IN ({placeholders})"  # noqa: S608 - only placeholders are interpolated
        with connection.cursor() as cursor:
            cursor.execute(sql, terms)
            return cursor.fetchall()

    def _entry_meta(self):
        """{entry_id: (kind, facet pairs, boost, title, plain title)}, reread on change."""
        from django.db.models import Count, Max

        from search.models import SearchEntry

        state = SearchEntry.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
        key = (state["count"], state["changed"])
        if getattr(self, "_meta_key", None) != key:
            self._meta = {
                pk: (
                    kind,
                    facet_pairs(facet_keys, kind),
                    boost,
                    title,
                    "".join(ch for ch in title.lower() if ch.isalnum()),
                )
                for pk, kind, facet_keys, boost, title in SearchEntry.objects.values_list(
                    "pk", "kind", "facet_keys", "boost", "title"
                ).iterator(chunk_size=5000)
            }
            self._meta_key = key
        return self._meta

    def _fallback(self, word):
        from search.models import SearchEntry

        rows = SearchEntry.objects.filter(
            Q(title__contains=word) | Q(body_text__contains=word)
        ).values_list("pk", "title")[:MAX_CANDIDATES_PER_FALLBACK]
        for pk, title in rows:
            yield pk, (2 if word in title.lower() else 1)

    def score(self, parsed):
        """{entry_id: score} and {entry_id: facet pairs} for every entry the query matches."""
        groups = parsed.groups
        if not groups:
            return {}, {}
        terms = set().union(*(group.all_terms() for group in groups))
        weights = defaultdict(dict)  # term -> entry -> best field weight
        for entry_id, term, field_code, frequency in self._postings(terms):
            weight = FIELD_WEIGHTS.get(field_code, 1.0) * (1 + 0.1 * min(frequency - 1, 5))
            by_entry = weights[term]
            if weight > by_entry.get(entry_id, 0):
                by_entry[entry_id] = weight
        for group in groups:
            if len(group.word) >= 2 and not any(weights.get(term) for term in group.all_terms()):
                by_entry = weights[group.word]
                for entry_id, field_code in self._fallback(group.word):
                    by_entry[entry_id] = max(FIELD_WEIGHTS[field_code], by_entry.get(entry_id, 0))
                if by_entry:
                    group.alternatives = [*group.alternatives, _fallback_alt(group.word)]
        entry_meta = self._entry_meta()
        total_documents = max(len(entry_meta), 1)
        idf = {
            term: math.log(1 + total_documents / len(ids)) for term, ids in weights.items() if ids
        }
        totals = defaultdict(float)
        matched = defaultdict(int)
        for group in groups:
            best = {}
            for alternative in group.alternatives:
                if not all(weights.get(term) for term in alternative.terms):
                    continue
                columns = [weights[term] for term in alternative.terms]
                entries = set(columns[0]).intersection(*columns[1:])
                factor = alternative.credit * sum(idf[t] for t in alternative.terms) / len(columns)
                for entry_id in entries:
                    value = factor * min(column[entry_id] for column in columns)
                    if value > best.get(entry_id, 0):
                        best[entry_id] = value
            for entry_id, value in best.items():
                totals[entry_id] += value
                matched[entry_id] += 1
        required = 1 if len(groups) <= 2 else math.ceil(len(groups) / 2)
        complete = sum(1 for count in matched.values() if count == len(groups))
        if complete >= ENOUGH_COMPLETE_MATCHES and len(groups) > 1:
            # Enough entries hold every word: show only those (AND), else any half (OR).
            required = len(groups)
        exact = parsed.han_text()
        scores = {}
        facets = {}
        for entry_id, total in totals.items():
            count = matched[entry_id]
            if count < required or entry_id not in entry_meta:
                continue  # too few words, or written after the entry snapshot was read
            kind, pairs, boost, title, plain_title = entry_meta[entry_id]
            coverage = count / len(groups)
            score = total * coverage * coverage * boost
            if exact and (
                plain_title == exact or (exact.isascii() and exact in pinyin_terms(title))
            ):
                score *= 2.0
            elif len(exact) >= 2 and exact in plain_title:
                score *= 1.5
            scores[entry_id] = score
            facets[entry_id] = pairs
        return scores, facets

    def search(self, parsed, filters=None, offset=0, limit=10, exclude_ids=()):
        scores, facets = self.score(parsed)
        for entry_id in exclude_ids:
            scores.pop(entry_id, None)
        filters = {name: value for name, value in (filters or {}).items() if value}

        def passes(entry_id):
            pairs = facets[entry_id]
            return all((name, value) in pairs for name, value in filters.items())

        # Each facet counts the entries the other facets' filters allow, in one pass.
        counts = {name: Counter() for name in FACET_NAMES}
        for entry_id in scores:
            pairs = facets[entry_id]
            failed = [name for name, value in filters.items() if (name, value) not in pairs]
            if len(failed) > 1:
                continue
            for name, value in set(pairs):
                if not failed or failed[0] == name:
                    counts[name][value] += 1
        ranked = sorted(
            (entry_id for entry_id in scores if passes(entry_id)),
            key=lambda entry_id: (-scores[entry_id], entry_id),
        )
        return EngineResult(ids=ranked[offset : offset + limit], total=len(ranked), facets=counts)

    def autocomplete(self, text, limit=8):
        from search.models import SearchEntry, SearchTerm
        from search.text import normalise

        text = normalise(text)[:40]
        if not text:
            return []
        ids = list(
            SearchEntry.objects.filter(title__contains=text)
            .order_by("-boost", "title")
            .values_list("pk", flat=True)[:limit]
        )
        compact = text.replace(" ", "")
        if len(ids) < limit and compact.isascii() and compact.isalnum():
            prefix = (
                SearchTerm.objects.filter(
                    field__in=[SearchTerm.Field.TITLE, SearchTerm.Field.PINYIN],
                    term__gte=compact,
                    term__lt=compact + "\uffff",
                )
                .order_by("entry__title")
                .values_list("entry_id", flat=True)[: limit * 4]
            )
            for entry_id in prefix:
                if entry_id not in ids:
                    ids.append(entry_id)
                if len(ids) >= limit:
                    break
        return ids[:limit]


def _fallback_alt(word):
    from search.query import Alternative

    return Alternative((word,), 0.8)
