"""The partner API for requests: a mini-program or partner site submits, uploads and tracks.

Mount with `api.add_router("/requests", services.views.api.router)`. The same form and the same
rights as the web pages: the caller is anonymous and proves its right with the tracking token.
"""

import uuid
from datetime import datetime
from typing import Annotated

from ninja import File, Header, Router, Schema, Status
from ninja.files import UploadedFile

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from portal.choices import District, Industry, QIElement
from services.forms import RequestForm, clean_attachment_list
from services.intake import (
    TooManyAttachments,
    add_attachments,
    create_request,
    find_request_by_token,
    tracking_path,
)
from services.models import (
    Channel,
    EnterpriseSize,
    ProblemSource,
    RequestStatus,
    RequestType,
    ServicePage,
)
from services.ratelimit import is_rate_limited

router = Router(tags=["requests"])


class RequestIn(Schema):
    request_type: str
    title: str = ""
    description: str = ""
    enterprise_name: str = ""
    credit_code: str = ""
    district: str = ""
    industry: str = ""
    size: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    service: str = ""
    qi_element: str = ""
    expected_by: str = ""
    product_name: str = ""
    product_model: str = ""
    nonconforming_items: str = ""
    problem_source: str = ""
    report_number: str = ""
    complaint_subject: str = ""
    occurred_on: str = ""
    desired_outcome: str = ""
    equipment: int | None = None
    equipment_name: str = ""
    preferred_start: str = ""
    preferred_end: str = ""
    sample_description: str = ""


class RequestCreated(Schema):
    number: str
    status: str
    tracking_token: str | None
    tracking_url: str | None
    replayed: bool


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class TrackIn(Schema):
    number: str
    token: str


class EventOut(Schema):
    kind: str
    kind_label: str
    status: str
    message: str
    by_enterprise: bool
    created_at: datetime


class AttachmentOut(Schema):
    name: str
    content_type: str
    size: int


class TrackOut(Schema):
    number: str
    request_type: str
    request_type_label: str
    status: str
    status_label: str
    title: str
    created_at: datetime
    events: list[EventOut]
    attachments: list[AttachmentOut]


class ChoiceOut(Schema):
    value: str
    label: str


class ChoiceList(Schema):
    items: list[ChoiceOut]
    count: int


class ChoicesOut(Schema):
    request_types: ChoiceList
    districts: ChoiceList
    industries: ChoiceList
    enterprise_sizes: ChoiceList
    problem_sources: ChoiceList
    qi_elements: ChoiceList
    services: ChoiceList


def _choice_list(pairs):
    items = [{"value": str(value), "label": str(label)} for value, label in pairs]
    return {"items": items, "count": len(items)}


def _too_many():
    return Status(429, {"detail": _("Too many attempts. Please wait a while and try again.")})


def _not_found():
    return Status(404, {"detail": _("No request matches this number and tracking code.")})


def _invalid(errors):
    return Status(422, {"detail": _("Please correct the fields listed."), "errors": errors})


def _attachment_out(attachment):
    return {
        "name": attachment.original_name,
        "content_type": attachment.content_type,
        "size": attachment.size,
    }


@router.get("/choices", response=ChoicesOut, summary="Choices the request form needs")
def choices(request: HttpRequest):
    services = ServicePage.objects.live().order_by("title").values_list("slug", "title")
    return {
        "request_types": _choice_list(RequestType.choices),
        "districts": _choice_list(District.choices),
        "industries": _choice_list(Industry.choices),
        "enterprise_sizes": _choice_list(EnterpriseSize.choices),
        "problem_sources": _choice_list(ProblemSource.choices),
        "qi_elements": _choice_list(QIElement.choices),
        "services": _choice_list(services),
    }


@router.post(
    "/",
    response={200: RequestCreated, 201: RequestCreated, 422: ErrorOut, 429: ErrorOut},
    summary="Submit a request",
)
def submit(
    request: HttpRequest,
    payload: RequestIn,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
):
    if is_rate_limited(request, "submit"):
        return _too_many()
    data = payload.dict()
    errors = {}
    if data["service"]:
        service = ServicePage.objects.live().filter(slug=data["service"]).first()
        if service is None:
            errors["service"] = [_("Unknown service item.")]
        data["service"] = service.pk if service else ""
    if idempotency_key:
        # A replay returns the tracking token, so the key must be as unguessable as a UUID.
        try:
            data["idempotency_key"] = str(uuid.UUID(idempotency_key))
        except ValueError:
            errors["Idempotency-Key"] = [_("Send a random UUID, for example a UUID4.")]
    form = RequestForm(data={k: v for k, v in data.items() if v is not None})
    if not form.is_valid() or errors:
        errors.update(
            {field: [str(m) for m in messages] for field, messages in form.errors.items()}
        )
        return Status(422, {"detail": _("Please correct the fields listed."), "errors": errors})
    service_request, token, created = create_request(
        form.request_data(),
        channel=Channel.API,
        idempotency_key=form.cleaned_data.get("idempotency_key"),
        base_url=request.build_absolute_uri("/"),
    )
    tracking_url = (
        request.build_absolute_uri(tracking_path(service_request.number, token)) if token else None
    )
    body = {
        "number": service_request.number,
        "status": service_request.status,
        "tracking_token": token,
        "tracking_url": tracking_url,
        "replayed": not created,
    }
    return Status(201 if created else 200, body)


@router.post(
    "/{number}/attachments",
    response={201: list[AttachmentOut], 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Upload attachments to a request",
)
def upload_attachments(
    request: HttpRequest,
    number: str,
    files: File[list[UploadedFile]],
    tracking_token: Annotated[str, Header(alias="X-Tracking-Token")],
):
    if is_rate_limited(request, "upload"):
        return _too_many()
    service_request = find_request_by_token(number, tracking_token)
    if service_request is None:
        return _not_found()
    if not service_request.is_open:
        return Status(409, {"detail": _("This request is closed: nothing more can be added.")})
    try:
        clean_attachment_list(files, already=service_request.attachments.count())
        attachments = add_attachments(service_request, files)
    except ValidationError as error:
        return _invalid({"files": [str(m) for m in error.messages]})
    except TooManyAttachments:
        return _invalid({"files": [_("At most 5 attachments per request.")]})
    return Status(201, [_attachment_out(a) for a in attachments])


@router.post(
    "/track",
    response={200: TrackOut, 404: ErrorOut, 429: ErrorOut},
    summary="Follow a request by its number and tracking token",
)
def track(request: HttpRequest, payload: TrackIn):
    if is_rate_limited(request, "track"):
        return _too_many()
    service_request = find_request_by_token(payload.number, payload.token)
    if service_request is None:
        return _not_found()
    return Status(
        200,
        {
            "number": service_request.number,
            "request_type": service_request.request_type,
            "request_type_label": str(service_request.get_request_type_display()),
            "status": service_request.status,
            "status_label": str(RequestStatus(service_request.status).label),
            "title": service_request.title,
            "created_at": service_request.created_at,
            "events": [
                {
                    "kind": event.kind,
                    "kind_label": str(event.get_kind_display()),
                    "status": event.to_status,
                    "message": event.message,
                    "by_enterprise": event.by_enterprise,
                    "created_at": event.created_at,
                }
                for event in service_request.public_events()
            ],
            "attachments": [_attachment_out(a) for a in service_request.attachments.all()],
        },
    )
