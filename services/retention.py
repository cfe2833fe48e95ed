"""How long a request's file is kept, and what happens after (003 7.3, 000 7.2).

A request and its files are kept whole for three years after the request ends, six when the
work involved inspection, testing or calibration. Until then nothing can be deleted; after that
the record is anonymised instead of deleted, so the figures and the trail stay.
"""

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

RETENTION_YEARS = 3
TESTING_RETENTION_YEARS = 6
ANONYMISED = "—"

logger = logging.getLogger(__name__)


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


def retention_reason(service_request):
    """Why this request's records are kept, in words for the person who tried to delete them."""
    if service_request.is_testing_related:
        return _("inspection, testing and calibration records are kept for 6 years (000 7.2)")
    return _("service files are kept for at least 3 years (003 7.3)")


def check_deletable(service_request):
    """Raise RetentionError saying until when and why this request's records must be kept.

    Nothing is ever deleted: after the period the record is anonymised instead.
    """
    values = {
        "number": service_request.number,
        "years": retention_years(service_request),
        "reason": retention_reason(service_request),
        "date": service_request.retention_until.isoformat()
        if service_request.retention_until
        else "",
    }
    if service_request.retention_until is None:
        raise RetentionError(
            _(
                "Request %(number)s is still being handled; its records will be kept for "
                "%(years)d years after it ends (%(reason)s) and cannot be deleted."
            )
            % values
        )
    if service_request.retention_until > timezone.localdate():
        raise RetentionError(
            _(
                "The records of request %(number)s must be kept until %(date)s (%(reason)s) "
                "and cannot be deleted before then."
            )
            % values
        )
    raise RetentionError(
        _(
            "The retention period of request %(number)s ended on %(date)s: anonymise it "
            "instead of deleting it, so that its figures and history stay."
        )
        % values
    )


def is_due_for_anonymisation(service_request, today=None):
    today = today or timezone.localdate()
    return (
        service_request.anonymised_at is None
        and service_request.retention_until is not None
        and service_request.retention_until <= today
    )


def anonymise(service_request, *, user=None, today=None):
    """Remove the personal data of a request whose retention period has ended.

    Contact details, the enterprise's own words and uploads, the survey respondent and the
    addresses mails went to go; numbers, types, dates, statuses, benefit figures and the staff
    trail stay. Returns False when the request was already anonymised.
    """
    from services.models import (
        AttachmentPurpose,
        Notification,
        RequestEvent,
        SatisfactionSurvey,
        ServiceRequest,
    )

    with transaction.atomic():
        locked = ServiceRequest.objects.select_for_update().get(pk=service_request.pk)
        if locked.anonymised_at is not None:
            return False
        if not is_due_for_anonymisation(locked, today=today):
            check_deletable(locked)  # raises, saying until when and why
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
        uploads = locked.attachments.filter(purpose=AttachmentPurpose.ENTERPRISE)
        stored = [attachment.file for attachment in uploads if attachment.file]
        uploads.update(original_name=ANONYMISED, file="")
        # Files go only once the rows no longer point at them; a rollback keeps both.
        transaction.on_commit(lambda: _delete_files(stored))
        # The one sanctioned rewrite of the trail: the enterprise's own words, past their term.
        RequestEvent.objects.filter(request=locked, by_enterprise=True).exclude(
            message=""
        ).update_redacted()
        surveys = SatisfactionSurvey.objects.filter(request=locked)
        surveys.update(respondent_name="", respondent_phone="", recipient="")
        Notification.objects.filter(Q(request=locked) | Q(survey__in=surveys)).update(
            recipient="", payload={}
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


def _delete_files(files):
    for file in files:
        file.delete(save=False)


def anonymise_due(today=None):
    """Anonymise every request whose period has ended; returns how many. Safe to run again."""
    from services.models import ServiceRequest

    today = today or timezone.localdate()
    due = list(
        ServiceRequest.objects.filter(
            anonymised_at__isnull=True, retention_until__lte=today
        ).values_list("pk", flat=True)
    )
    done = 0
    for pk in due:
        try:
            if anonymise(ServiceRequest(pk=pk), today=today):
                done += 1
        except RetentionError:  # reopened since the list was read
            logger.info("Request %s is no longer due for anonymisation", pk)
    return done
