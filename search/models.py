"""The search index, the synonyms editors manage, promoted results and the anonymous query log."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index as wagtail_index

from search.text import normalise, split_terms


class SearchEntry(models.Model):
    """One indexed object, built from its source by `search.indexing`; engines index these rows."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    kind = models.CharField(_("type"), max_length=32, db_index=True)
    title = models.CharField(_("title"), max_length=255)
    url = models.CharField(_("URL"), max_length=500)
    body_text = models.TextField(_("text"), blank=True)
    # Facet values as "qi:metrology district:huli industry:C", one string the engines can split.
    facet_keys = models.CharField(max_length=500, blank=True)
    boost = models.FloatField(default=1.0)
    published_at = models.DateTimeField(null=True, blank=True)
    # Pre-segmented text (jieba), space-separated: what Elasticsearch's whitespace analyzer reads.
    title_tokens = models.TextField(blank=True)
    tokens = models.TextField(blank=True)
    pinyin = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_entry_unique_object"
            )
        ]

    def __str__(self):
        return self.title

    def facet_values(self, name):
        prefix = f"{name}:"
        return [key[len(prefix) :] for key in self.facet_keys.split() if key.startswith(prefix)]


class SearchTerm(models.Model):
    """The database engine's inverted index: one row per (entry, term, field)."""

    class Field(models.IntegerChoices):
        BODY = 1, _("text")
        TITLE = 2, _("title")
        PINYIN = 3, _("pinyin")

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=64)
    field = models.PositiveSmallIntegerField(choices=Field.choices)
    frequency = models.PositiveSmallIntegerField(default=1)

    class Meta:
        # Covering index: a lookup by term reads the index only, never the table rows.
        indexes = [
            models.Index(fields=["term", "entry", "field", "frequency"], name="search_term_lookup")
        ]

    def __str__(self):
        return self.term


class SearchSynonym(wagtail_index.Indexed, models.Model):
    """A group of terms that mean the same thing to an enterprise, e.g. 实验室认可 and CNAS."""

    terms = models.TextField(
        _("equivalent terms"),
        help_text=_("Separate the terms with commas or new lines, e.g. 实验室认可, CNAS"),
    )

    panels = [FieldPanel("terms")]
    search_fields = [wagtail_index.SearchField("terms")]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["pk"]

    def __str__(self):
        return " = ".join(self.term_list())

    def term_list(self):
        return split_terms(self.terms)


class PromotedResult(models.Model):
    """An entry shown first, marked as recommended, when someone searches for `query`."""

    query = models.CharField(
        _("search query"),
        max_length=100,
        db_index=True,
        help_text=_("The exact words typed in the search box; case and spacing do not matter."),
    )
    entry = models.ForeignKey(
        SearchEntry,
        verbose_name=_("result"),
        on_delete=models.CASCADE,
        related_name="promotions",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("query"), FieldPanel("entry"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("promoted result")
        verbose_name_plural = _("promoted results")
        ordering = ["query", "sort_order", "pk"]

    def __str__(self):
        return f"{self.query} → {self.entry}"

    def save(self, *args, **kwargs):
        self.query = normalise(self.query)
        super().save(*args, **kwargs)


class SearchQueryLog(models.Model):
    """Searches per normalised query and day. No user, session, address or time of day is kept."""

    query = models.CharField(_("search query"), max_length=200)
    day = models.DateField(_("day"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    results = models.PositiveIntegerField(_("results"), default=0)

    class Meta:
        verbose_name = _("search query log")
        verbose_name_plural = _("search query log")
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="search_query_log_unique_day")
        ]
        indexes = [models.Index(fields=["day", "query"], name="search_query_log_day")]

    def __str__(self):
        return f"{self.day} {self.query}"
