"""Creating and sending satisfaction surveys (001 7.2.6.1, 004 6.4.2, 003 7.2.4.2, 000 6.5.5)."""

from datetime import timedelta

from django.utils import timezone

from services.models import QueueSettings, SatisfactionSurvey
from services.notifications import notify


def queue_settings():
    return QueueSettings.load()


def create_completion_survey(service_request):
    """The survey sent when a request is closed; one per request, whatever happens twice."""
    existing = SatisfactionSurvey.objects.filter(request=service_request).first()
    if existing is not None:
        return existing
    survey = SatisfactionSurvey(
        kind=SatisfactionSurvey.Kind.COMPLETION,
        request=service_request,
        enterprise_id=service_request.enterprise_id,
        owner_id=service_request.owner_id,
        qi_element=service_request.qi_element,
        recipient=service_request.contact_email,
        products=service_request.product_name,
        expires_at=timezone.now() + timedelta(days=queue_settings().survey_valid_days),
    )
    survey.issue_token()
    survey.save()
    notify(
        f"survey:{survey.pk}",
        template="survey",
        recipient=survey.recipient,
        service_request=service_request,
        survey=survey,
    )
    return survey
