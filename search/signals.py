"""Keep the index in step with the content: enqueue a task after the change commits."""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import registry


def _key(instance):
    if isinstance(instance, Page) and instance.content_type_id:
        return instance.content_type_id, instance.pk
    return ContentType.objects.get_for_model(instance).pk, instance.pk


def enqueue_index(instance):
    from search.tasks import index_object

    content_type_id, object_id = _key(instance)
    transaction.on_commit(partial(index_object.delay, content_type_id, str(object_id)))


def enqueue_remove(instance):
    from search.tasks import remove_object

    content_type_id, object_id = _key(instance)
    transaction.on_commit(partial(remove_object.delay, content_type_id, str(object_id)))


def page_changed(sender, instance, **kwargs):
    if registry.source_for(instance.specific_class) is not None:
        enqueue_index(instance)


def page_moved(sender, instance, **kwargs):
    # A move changes the URL of the page and of everything below it.
    for page in Page.objects.descendant_of(instance, inclusive=True).live():
        if registry.source_for(page.specific_class) is not None:
            enqueue_index(page)


def object_saved(sender, instance, raw=False, **kwargs):
    if raw or isinstance(instance, Page):
        return  # pages are indexed when published, not on every draft save
    if registry.source_for(type(instance)) is not None:
        enqueue_index(instance)


def object_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        if type(instance) is Page or registry.source_for(type(instance)) is not None:
            enqueue_remove(instance)
    elif registry.source_for(type(instance)) is not None:
        enqueue_remove(instance)


def connect():
    page_published.connect(page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="search-page-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="search-page-moved")
    post_save.connect(object_saved, dispatch_uid="search-object-saved")
    post_delete.connect(object_deleted, dispatch_uid="search-object-deleted")
