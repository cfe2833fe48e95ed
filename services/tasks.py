"""Background work for requests; every task is safe to run twice."""

from celery import shared_task

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def send_request_confirmation(self, request_id, tracking_url):
    """Mail the number and the secret tracking link once (claim first, release on failure)."""
    from services.models import ServiceRequest

    claimed = ServiceRequest.objects.filter(
        pk=request_id, confirmation_sent_at__isnull=True
    ).update(confirmation_sent_at=timezone.now())
    if not claimed:
        return False
    service_request = ServiceRequest.objects.select_related("enterprise").get(pk=request_id)
    if not service_request.contact_email:
        return False
    try:
        with translation.override(settings.LANGUAGE_CODE):
            context = {"service_request": service_request, "tracking_url": tracking_url}
            subject = render_to_string(
                "services/email/request_confirmation_subject.txt", context
            ).strip()
            body = render_to_string("services/email/request_confirmation.txt", context)
        send_mail(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [service_request.contact_email],
        )
    except Exception:
        ServiceRequest.objects.filter(pk=request_id).update(confirmation_sent_at=None)
        raise
    return True


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=6,
    acks_late=True,
)
def deliver_notification(self, notification_id):
    """Send one outbox mail once: claim the row, send, release the claim if sending fails."""
    from services.models import Notification

    claimed = Notification.objects.filter(pk=notification_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related(
        "request__enterprise", "request__owner", "survey__enterprise"
    ).get(pk=notification_id)
    try:
        subject, body = render_notification(notification)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [notification.recipient])
    except Exception:
        Notification.objects.filter(pk=notification_id).update(
            sent_at=None, attempts=notification.attempts + 1
        )
        raise
    return True


def render_notification(notification):
    from django.urls import reverse

    from services.models import RequestEvent
    from services.notifications import absolute_url

    context = {
        "notification": notification,
        "service_request": notification.request,
        "survey": notification.survey,
        "payload": notification.payload,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    event_id = notification.payload.get("event_id")
    if event_id:
        context["event"] = RequestEvent.objects.filter(pk=event_id).first()
    if notification.request is not None:
        context["workspace_url"] = absolute_url(
            reverse("services_queue:workspace", args=[notification.request.pk])
        )
        context["mine_url"] = absolute_url(reverse("services:my_requests"))
    if notification.survey is not None:
        context["survey_url"] = absolute_url(
            reverse("services:survey", args=[notification.survey.token])
        )
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(
            f"services/email/{notification.template}_subject.txt", context
        ).strip()
        body = render_to_string(f"services/email/{notification.template}.txt", context)
    return " ".join(subject.split()), body


@shared_task(acks_late=True)
def deliver_pending_notifications():
    """Sweep: queue again what a lost broker message or a crash left unsent for 10 minutes."""
    from datetime import timedelta

    from services.models import Notification

    stale = timezone.now() - timedelta(minutes=10)
    pending = Notification.objects.filter(
        sent_at__isnull=True, created_at__lt=stale, attempts__lt=10
    ).values_list("pk", flat=True)[:500]
    for notification_id in pending:
        deliver_notification.delay(notification_id)
    return len(pending)


@shared_task(acks_late=True)
def escalate_overdue_requests():
    """Every overdue request goes to its owner and the managers, once per deadline."""
    from services.workflow import escalate_overdue

    return escalate_overdue()


@shared_task(acks_late=True)
def anonymise_expired_requests():
    from services.retention import anonymise_due

    return anonymise_due()


@shared_task(acks_late=True)
def remind_unanswered_surveys():
    """One reminder per completion survey left unanswered (claimed, so two runs remind once)."""
    from services.surveys import remind_unanswered

    return remind_unanswered()


@shared_task(acks_late=True)
def send_periodic_surveys():
    """000 6.5.5: the periodic survey of every enterprise served, when it is due."""
    from services.surveys import send_periodic_surveys as send_due

    return send_due()
