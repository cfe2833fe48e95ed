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
