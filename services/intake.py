"""Creating requests: one path for the web form, the API and staff entry.

A request is saved whole or not at all: enterprise, number, attachments and the first timeline
event commit together, and the confirmation mail is enqueued only after the commit.
"""

import hashlib
import os
from contextlib import contextmanager
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from services.models import (
    NUMBER_PREFIXES,
    Enterprise,
    EnterpriseMembership,
    RequestAttachment,
    RequestCounter,
    RequestEvent,
    ServiceRequest,
)
from services.models.requests import REQUEST_FIELDS, hash_token
from services.tasks import send_request_confirmation
from services.validators import MAX_ATTACHMENTS_PER_REQUEST, sniff_attachment
from services.workflow import apply_time_limits

ENTERPRISE_FIELDS = ["district", "industry", "size"]
IDEMPOTENT_TOKEN_TTL = 24 * 3600


class TooManyAttachments(Exception):
    pass


def next_number(request_type):
    """XQ-20261123-0001: type prefix, local date, a per-type daily sequence that never repeats.

    The counter row is locked until the surrounding transaction ends, so concurrent
    submissions on PostgreSQL queue up for it; SQLite serialises writers anyway.
    """
    prefix = NUMBER_PREFIXES[request_type]
    day = timezone.localdate()
    RequestCounter.objects.bulk_create(
        [RequestCounter(prefix=prefix, day=day)], ignore_conflicts=True
    )
    counter = RequestCounter.objects.select_for_update().get(prefix=prefix, day=day)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return f"{prefix}-{day:%Y%m%d}-{counter.last_value:04d}"


def tracking_path(number, token):
    return f"{reverse('services:request_track')}?{urlencode({'number': number, 'token': token})}"


# Compared against when the number is unknown, so a miss costs the same as a wrong token.
_UNKNOWN_REQUEST = ServiceRequest(tracking_token_hash=hash_token("no request has this token"))


def find_request_by_token(number, token):
    """The request with this number if the token is its tracking token, else None.

    A wrong number, a wrong token and a missing request look the same to the caller.
    """
    number = (number or "").strip().upper()
    service_request = ServiceRequest.objects.filter(number=number).first() if number else None
    candidate = service_request or _UNKNOWN_REQUEST
    matches = candidate.check_tracking_token((token or "").strip())
    return service_request if matches and service_request is not None else None


def _idempotency_cache_key(enterprise_id, key):
    digest = hashlib.sha256(f"{enterprise_id}:{key}".encode()).hexdigest()
    return f"intake:idempotent:{digest}"


def _enterprise_for(data, acting_enterprise):
    if acting_enterprise is not None:
        return acting_enterprise, False
    defaults = {
        "name": data["enterprise_name"],
        "contact_name": data["contact_name"],
        "contact_phone": data["contact_phone"],
        "contact_email": data.get("contact_email", ""),
        **{field: data.get(field) or "" for field in ENTERPRISE_FIELDS},
    }
    # A known code joins its file; what an anonymous caller types never rewrites the profile.
    return Enterprise.objects.get_or_create(credit_code=data["credit_code"], defaults=defaults)


def _link_user(user, enterprise, enterprise_is_new):
    """Security first: only the first account of a brand-new file is linked at once."""
    if user is None or not user.is_authenticated:
        return
    if EnterpriseMembership.objects.filter(user=user).exists():
        return
    if enterprise_is_new:
        status = EnterpriseMembership.Status.ACTIVE
    else:
        # An existing file may hold requests of others: staff confirm the claim.
        status = EnterpriseMembership.Status.PENDING
    EnterpriseMembership.objects.create(user=user, enterprise=enterprise, status=status)


def _store_attachment(service_request, uploaded, user, stored_names, **extra):
    extension, content_type = sniff_attachment(uploaded)
    attachment = RequestAttachment(
        request=service_request,
        original_name=os.path.basename(uploaded.name or "")[:255] or f"file.{extension}",
        content_type=content_type,
        size=uploaded.size,
        uploaded_by=user if user is not None and user.is_authenticated else None,
        **extra,
    )
    uploaded.seek(0)
    attachment.file.save(f"upload.{extension}", uploaded, save=False)
    stored_names.append((attachment.file.storage, attachment.file.name))
    attachment.save()
    return attachment


def store_attachments(service_request, files, *, user=None, stored_names, **extra):
    """Store checked uploads under generated names, noting each in `stored_names`."""
    return [
        _store_attachment(service_request, uploaded, user, stored_names, **extra)
        for uploaded in files
    ]


@contextmanager
def files_removed_on_error():
    """Yields a list for stored file names; if the block fails, those files are removed.

    Wrap the transaction with it, so a rollback never leaves orphan files behind.
    """
    stored_names = []
    try:
        yield stored_names
    except BaseException:
        _discard_files(stored_names)
        raise


def _discard_files(stored_names):
    for storage, name in stored_names:
        try:
            storage.delete(name)
        except OSError:
            pass


def create_request(
    data,
    *,
    files=(),
    channel,
    user=None,
    acting_enterprise=None,
    entered_by=None,
    idempotency_key=None,
    base_url="",
):
    """Save a validated request; returns (request, tracking token or None, created).

    A repeated idempotency key returns the first request; its token is returned only while the
    first answer is still cached (the mail carries it too).
    """
    stored_names = []
    enterprise = None
    try:
        with transaction.atomic():
            enterprise, enterprise_is_new = _enterprise_for(data, acting_enterprise)
            if idempotency_key:
                existing = ServiceRequest.objects.filter(
                    enterprise=enterprise, idempotency_key=idempotency_key
                ).first()
                if existing is not None:
                    return existing, _replayed_token(enterprise, idempotency_key), False
            service_request = ServiceRequest(
                enterprise=enterprise,
                channel=channel,
                idempotency_key=idempotency_key,
                submitted_by=user if user is not None and user.is_authenticated else None,
                entered_by=entered_by,
                **{field: data.get(field) for field in REQUEST_FIELDS if field in data},
            )
            if service_request.service is not None and not service_request.qi_element:
                service_request.qi_element = service_request.service.qi_element
            token = service_request.set_tracking_token()
            service_request.number = next_number(service_request.request_type)
            apply_time_limits(service_request)
            service_request.save()
            for uploaded in files:
                _store_attachment(service_request, uploaded, user, stored_names)
            RequestEvent.objects.create(
                request=service_request,
                kind=RequestEvent.Kind.SUBMITTED,
                to_status=service_request.status,
                author=entered_by or (user if user is not None and user.is_authenticated else None),
                by_enterprise=entered_by is None,
            )
            if entered_by is None:
                _link_user(user, enterprise, enterprise_is_new)
            if idempotency_key:
                cache_key = _idempotency_cache_key(enterprise.pk, idempotency_key)
                transaction.on_commit(lambda: cache.set(cache_key, token, IDEMPOTENT_TOKEN_TTL))
            if service_request.contact_email:
                tracking_url = (
                    f"{base_url.rstrip('/')}{tracking_path(service_request.number, token)}"
                )
                request_id = service_request.pk
                transaction.on_commit(
                    lambda: send_request_confirmation.delay(request_id, tracking_url)
                )
    except IntegrityError:
        _discard_files(stored_names)
        if idempotency_key and enterprise is not None and enterprise.pk:
            existing = ServiceRequest.objects.filter(
                enterprise=enterprise, idempotency_key=idempotency_key
            ).first()
            if existing is not None:
                return existing, _replayed_token(enterprise, idempotency_key), False
        raise
    except BaseException:
        _discard_files(stored_names)
        raise
    return service_request, token, True


def _replayed_token(enterprise, idempotency_key):
    return cache.get(_idempotency_cache_key(enterprise.pk, idempotency_key))


def add_attachments(service_request, files, *, user=None):
    """Attach more files to an open request; all of them or none."""
    stored_names = []
    try:
        with transaction.atomic():
            locked = ServiceRequest.objects.select_for_update().get(pk=service_request.pk)
            if locked.attachments.count() + len(files) > MAX_ATTACHMENTS_PER_REQUEST:
                raise TooManyAttachments
            attachments = [_store_attachment(locked, f, user, stored_names) for f in files]
            for attachment in attachments:
                RequestEvent.objects.create(
                    request=locked,
                    kind=RequestEvent.Kind.ATTACHMENT,
                    message=attachment.original_name,
                    author=user if user is not None and user.is_authenticated else None,
                    by_enterprise=True,
                )
    except BaseException:
        _discard_files(stored_names)
        raise
    return attachments


def add_enterprise_message(service_request, message, *, user=None):
    return RequestEvent.objects.create(
        request=service_request,
        kind=RequestEvent.Kind.MESSAGE,
        message=message,
        author=user if user is not None and user.is_authenticated else None,
        by_enterprise=True,
    )


def withdraw(service_request, *, user=None, reason=""):
    """The enterprise takes back its open request (the transition table decides)."""
    from services.models import RequestStatus, Role
    from services.workflow import WorkflowError, transition

    try:
        updated = transition(
            service_request,
            RequestStatus.WITHDRAWN,
            user=user,
            role=Role.ENTERPRISE,
            note=reason,
        )
    except WorkflowError:
        return False
    service_request.status = updated.status
    return True
