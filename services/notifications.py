"""Mails about requests go through one outbox.

`notify()` writes a Notification row in the caller's transaction under a unique key, so the
same notice is never queued twice, and enqueues its delivery only after the commit. The task
claims the row before sending; a periodic sweep picks up anything a lost broker message left.
"""

from django.conf import settings
from django.db import IntegrityError, transaction


def notify(key, *, template, recipient, service_request=None, survey=None, payload=None):
    """Queue one mail under `key`; returns the notification, or None when already queued."""
    from services.models import Notification
    from services.tasks import deliver_notification

    if not recipient:
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                key=key[:200],
                template=template,
                request=service_request,
                survey=survey,
                recipient=recipient,
                payload=payload or {},
            )
    except IntegrityError:
        return None
    notification_id = notification.pk
    transaction.on_commit(lambda: deliver_notification.delay(notification_id))
    return notification


def managers():
    """Active platform managers with a mail address (group 平台管理员 or superusers)."""
    from services.roles import users_with_permission

    return users_with_permission("manage_queue").exclude(email="").order_by("pk")


def absolute_url(path):
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"
