"""How long a request's file is kept, and what happens after (003 7.3, 000 7.2).

A request and its files are kept whole for three years after the request ends, six when the
work involved inspection, testing or calibration. Until then nothing can be deleted; after that
the record is anonymised instead of deleted, so the figures and the trail stay.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

RETENTION_YEARS = 3
TESTING_RETENTION_YEARS = 6
ANONYMISED = "—"


class RetentionError(Exception):
    """Raised when something asks to delete a record the rules say must be kept."""


def retention_years(service_request):
    return TESTING_RETENTION_YEARS if service_request.is_testing_related else RETENTION_YEARS


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def retention_end(service_request, ended_on=None):
    ended_on = ended_on or timezone.localdate()
    return add_years(ended_on, retention_years(service_request))


def check_deletable(service_request):
    """Raise RetentionError saying why this request's records may not be deleted."""
    if service_request.retention_until is None:
        raise RetentionError(
            _(
                "Request %(number)s is still being handled; its records are kept for at least "
                "%(years)d years after it ends and cannot be deleted."
            )
            % {"number": service_request.number, "years": retention_years(service_request)}
        )
    if service_request.retention_until > timezone.localdate():
        raise RetentionError(
            _(
                "The records of request %(number)s must be kept until %(date)s "
                "(%(years)d years, 000 7.2 / 003 7.3) and cannot be deleted before then."
            )
            % {
                "number": service_request.number,
                "date": service_request.retention_until.isoformat(),
                "years": retention_years(service_request),
            }
        )
    raise RetentionError(
        _(
            "The retention period of request %(number)s has ended: anonymise it instead of "
            "deleting it, so that its figures and history stay."
        )
        % {"number": service_request.number}
    )


def is_due_for_anonymisation(service_request, today=None):
    today = today or timezone.localdate()
    return (
        service_request.anonymised_at is None
        and service_request.retention_until is not None
        and service_request.retention_until <= today
    )


def anonymise(service_request, *, user=None):
    """Remove the personal data of a request whose retention period has ended.

    Contact details, the enterprise's own words and uploads, and the survey respondent go;
    numbers, types, dates, statuses, benefit figures and the staff trail stay.
    """
    from services.models import AttachmentPurpose, RequestEvent, ServiceRequest

    with transaction.atomic():
        locked = ServiceRequest.objects.select_for_update().get(pk=service_request.pk)
        if not is_due_for_anonymisation(locked):
            if locked.anonymised_at is not None:
                return False
            raise RetentionError(
                _("The records of request %(number)s must be kept until %(date)s.")
                % {
                    "number": locked.number,
                    "date": locked.retention_until.isoformat()
                    if locked.retention_until
                    else _("it has ended"),
                }
            )
        ServiceRequest.objects.filter(pk=locked.pk).update(
            contact_name=ANONYMISED,
            contact_phone=ANONYMISED,
            contact_email="",
            description=ANONYMISED,
            desired_outcome="",
            sample_description="",
            tracking_token_hash="",
            submitted_by=None,
            anonymised_at=timezone.now(),
        )
        files = list(locked.attachments.filter(purpose=AttachmentPurpose.ENTERPRISE))
        for attachment in files:
            attachment.file.delete(save=False)
        locked.attachments.filter(purpose=AttachmentPurpose.ENTERPRISE).update(
            original_name=ANONYMISED, file=""
        )
        # The one sanctioned rewrite of the trail: the enterprise's own words, past their term.
        RequestEvent.objects.filter(request=locked, by_enterprise=True).exclude(
            message=""
        ).update_redacted()
        survey = getattr(locked, "survey", None)
        if survey is not None:
            type(survey).objects.filter(pk=survey.pk).update(
                respondent_name="", respondent_phone="", recipient=""
            )
        RequestEvent.objects.create(
            request=locked,
            kind=RequestEvent.Kind.RETENTION,
            is_public=False,
            message=_("Retention period ended on %(date)s; personal data removed.")
            % {"date": locked.retention_until.isoformat()},
            author=user,
        )
    return True


def anonymise_due(today=None):
    """Anonymise every request whose period has ended; returns how many."""
    from services.models import ServiceRequest

    today = today or timezone.localdate()
    done = 0
    for service_request in ServiceRequest.objects.filter(
        anonymised_at__isnull=True, retention_until__lte=today
    ).only("pk", "number", "retention_until", "anonymised_at"):
        if anonymise(service_request):
            done += 1
    return done
