"""Relevance over the real demo content: recall@5 and MRR of the table in relevance_cases."""

import pytest

from resources.models import Expert
from search.indexing import rebuild
from search.service import run_search

from .relevance_cases import CASES

MIN_RECALL_AT_5 = 0.9


def result_key(entry, expert_names):
    if entry.kind == "expert":
        return f"experts/{expert_names.get(entry.object_id, '?')}"
    if entry.kind == "equipment":  # ids differ between runs; the name is stable
        return f"equipment/{entry.title}"
    return entry.url.rstrip("/").rsplit("/", 1)[-1]


@pytest.mark.django_db
def test_relevance_suite(demo_site, capsys):
    rebuild()  # demo_site loads the pages and the demo synonyms
    expert_names = {str(expert.pk): expert.name for expert in Expert.objects.all()}
    assert len(CASES) >= 40

    ranks = []
    misses = []
    for query, expected in CASES:
        response = run_search(query, per_page=5, log=False)
        keys = [result_key(item.entry, expert_names) for item in response.items]
        rank = keys.index(expected) + 1 if expected in keys else None
        ranks.append(rank)
        if rank is None:
            misses.append((query, expected, keys))

    recall_at_5 = sum(1 for rank in ranks if rank) / len(ranks)
    mrr = sum(1 / rank for rank in ranks if rank) / len(ranks)
    with capsys.disabled():
        print(
            f"\nsearch relevance: {len(CASES)} queries, recall@5 = {recall_at_5:.3f}, "
            f"MRR = {mrr:.3f}, first place {sum(1 for rank in ranks if rank == 1)}"
        )
        for query, expected, keys in misses:
            print(f"  missed {query!r}: expected {expected}, got {keys}")
    assert recall_at_5 >= MIN_RECALL_AT_5, misses
