"""Index updates as Celery tasks. Both are idempotent: they read the object's current state."""

from celery import shared_task


@shared_task(ignore_result=True)
def index_object(content_type_id, object_id):
    """Index the object, or remove its entry when its source no longer lists it."""
    from search.indexing import index_by_key

    index_by_key(content_type_id, object_id)


@shared_task(ignore_result=True)
def remove_object(content_type_id, object_id):
    from search.indexing import remove_by_key

    remove_by_key(content_type_id, object_id)


@shared_task(ignore_result=True)
def rebuild_index():
    from search.indexing import rebuild

    return rebuild()
