"""Elasticsearch documents (elasticsearch-dsl) for the portal search.

The text fields hold what `search.text` already segmented (jieba words, compact standard codes,
pinyin), so a whitespace analyzer keeps the Chinese behaviour of the database engine on any
cluster. `title_raw` and `body_raw` hold the raw text under a Chinese analyzer when the cluster has
one (smartcn or IK, found through the analyze API when the index is created), else the built-in
CJK bigram analyzer. Index names carry settings.SEARCH_INDEX_PREFIX.
"""

from elasticsearch_dsl import Date, Document, Float, Index, Keyword, Text

from django.conf import settings

INDEX_BASENAME = "search_entries"
# Analyzers to try, best first: the IK plugin, Elasticsearch's smartcn plugin, then the CJK bigrams.
CHINESE_ANALYZERS = ("ik_max_word", "smartcn", "cjk")


def index_name():
    return f"{settings.SEARCH_INDEX_PREFIX}{INDEX_BASENAME}"


class SearchEntryDocument(Document):
    """One `search.SearchEntry`; the document id is the entry's primary key."""

    kind = Keyword()
    title = Keyword(index=False)
    url = Keyword(index=False)
    title_tokens = Text(analyzer="whitespace")
    tokens = Text(analyzer="whitespace")
    pinyin = Text(analyzer="whitespace")
    title_raw = Text(analyzer="cjk")
    body_raw = Text(analyzer="cjk")
    qi = Keyword(multi=True)
    district = Keyword(multi=True)
    industry = Keyword(multi=True)
    boost = Float()
    published_at = Date()

    class Index:
        name = INDEX_BASENAME  # replaced by `build_index` with the prefixed name

    @classmethod
    def get_queryset(cls):
        """Every entry: `search.indexing` only keeps rows for live, public pages and active rows."""
        from search.models import SearchEntry

        return SearchEntry.objects.order_by("pk")

    @classmethod
    def from_entry(cls, entry):
        document = cls(meta={"id": entry.pk})
        for name in cls._doc_type.mapping:
            preparer = getattr(cls, f"prepare_{name}", None)
            value = preparer(entry) if preparer else getattr(entry, name, None)
            setattr(document, name, value)
        return document

    @staticmethod
    def prepare_title_raw(entry):
        return entry.title

    @staticmethod
    def prepare_body_raw(entry):
        return entry.body_text

    @staticmethod
    def prepare_qi(entry):
        return entry.facet_values("qi")

    @staticmethod
    def prepare_district(entry):
        return entry.facet_values("district")

    @staticmethod
    def prepare_industry(entry):
        return entry.facet_values("industry")


def build_index(chinese_analyzer="cjk"):
    """The prefixed index with the document mapping; raw-text fields use `chinese_analyzer`."""
    index = Index(index_name())
    index.settings(number_of_shards=1, number_of_replicas=0)
    document = type(
        "PortalSearchEntryDocument",
        (SearchEntryDocument,),
        {
            "title_raw": Text(analyzer=chinese_analyzer),
            "body_raw": Text(analyzer=chinese_analyzer),
            "Index": type("Index", (), {"name": index_name()}),
        },
    )
    index.document(document)
    return index


def detect_chinese_analyzer(client):
    """The first analyzer of CHINESE_ANALYZERS the cluster knows (plugins are optional)."""
    for analyzer in CHINESE_ANALYZERS:
        try:
            client.indices.analyze(analyzer=analyzer, text="计量器具检定")
        except Exception:  # noqa: BLE001, S112 - an unknown analyzer answers 400; try the next
            continue
        return analyzer
    return "standard"
