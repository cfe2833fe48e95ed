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
        from search.models import SearchTerm

        return SearchTerm.objects.filter(term__in=sorted(terms)).values_list(
            "entry_id",
            "term",
            "field",
            "frequency",
            "entry__kind",
            "entry__facet_keys",
            "entry__boost",
            "entry__title",
        )

    def _fallback(self, word):
        from search.models import SearchEntry

        rows = SearchEntry.objects.filter(
            Q(title__contains=word) | Q(body_text__contains=word)
        ).values_list("pk", "title", "kind", "facet_keys", "boost")[:MAX_CANDIDATES_PER_FALLBACK]
        for pk, title, kind, facet_keys, boost in rows:
            field = 2 if word in title.lower() else 1
            yield (pk, word, field, 1, kind, facet_keys, boost, title)

    def score(self, parsed):
        """{entry_id: score} and {entry_id: facet pairs} for every entry the query matches."""
        from search.models import SearchEntry

        groups = parsed.groups
        if not groups:
            return {}, {}
        terms = set().union(*(group.all_terms() for group in groups))
        weights = defaultdict(dict)  # entry -> term -> best weight
        meta = {}
        documents_with = defaultdict(set)
        for row in self._postings(terms):
            entry_id, term, field, frequency = row[:4]
            weight = FIELD_WEIGHTS.get(field, 1.0) * (1 + 0.1 * min(frequency - 1, 5))
            if weight > weights[entry_id].get(term, 0):
                weights[entry_id][term] = weight
            meta[entry_id] = row[4:]
            documents_with[term].add(entry_id)
        for group in groups:
            if not any(documents_with.get(term) for term in group.all_terms()):
                if len(group.word) >= 2:
                    for row in self._fallback(group.word):
                        entry_id = row[0]
                        weight = FIELD_WEIGHTS[row[2]]
                        weights[entry_id][group.word] = max(
                            weight, weights[entry_id].get(group.word, 0)
                        )
                        meta[entry_id] = row[4:]
                        documents_with[group.word].add(entry_id)
                    if documents_with.get(group.word):
                        group.alternatives = [*group.alternatives, _fallback_alt(group.word)]
        if not weights:
            return {}, {}
        total_documents = max(SearchEntry.objects.count(), 1)
        idf = {
            term: math.log(1 + total_documents / len(ids)) for term, ids in documents_with.items()
        }
        required = 1 if len(groups) <= 2 else math.ceil(len(groups) / 2)
        exact = parsed.han_text()
        scores = {}
        facets = {}
        for entry_id, term_weights in weights.items():
            total = 0.0
            matched = 0
            for group in groups:
                best = 0.0
                for alternative in group.alternatives:
                    if all(term in term_weights for term in alternative.terms):
                        value = (
                            alternative.credit
                            * sum(idf[term] for term in alternative.terms)
                            / len(alternative.terms)
                            * min(term_weights[term] for term in alternative.terms)
                        )
                        best = max(best, value)
                if best:
                    matched += 1
                    total += best
            if matched < required:
                continue
            kind, facet_keys, boost, title = meta[entry_id]
            coverage = matched / len(groups)
            score = total * coverage * coverage * boost
            plain_title = "".join(ch for ch in title.lower() if ch.isalnum())
            if exact and (
                plain_title == exact or (exact.isascii() and exact in pinyin_terms(title))
            ):
                score *= 2.0
            elif len(exact) >= 2 and exact in plain_title:
                score *= 1.5
            scores[entry_id] = score
            facets[entry_id] = facet_pairs(facet_keys, kind)
        return scores, facets

    def search(self, parsed, filters=None, offset=0, limit=10, exclude_ids=()):
        scores, facets = self.score(parsed)
        for entry_id in exclude_ids:
            scores.pop(entry_id, None)
        filters = {name: value for name, value in (filters or {}).items() if value}

        def passes(entry_id, skip=None):
            pairs = facets[entry_id]
            return all((name, value) in pairs for name, value in filters.items() if name != skip)

        counts = {name: Counter() for name in FACET_NAMES}
        for entry_id in scores:
            pairs = facets[entry_id]
            for name in FACET_NAMES:
                if passes(entry_id, skip=name):
                    for pair_name, value in set(pairs):
                        if pair_name == name:
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
