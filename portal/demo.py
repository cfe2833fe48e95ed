"""Helpers the demo loaders share: create or update pages in place, so reruns change nothing."""

from wagtail.models import Page


def upsert_page(parent, model, slug, **fields):
    """Return the live child `slug` of `parent` as `model`, created or updated with `fields`."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, model):
            existing.delete()
            page = None
    else:
        page = None
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return page


def stream(block_type, items):
    """A StreamField value of `items`, each item one block of `block_type`."""
    return [(block_type, item) for item in items]


def remove_default_welcome_page():
    """Wagtail's first migration creates a plain 'Welcome' page; the demo home replaces it."""
    for page in Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ):
        page.delete()
