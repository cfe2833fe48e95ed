"""What enterprises see: the request form, confirmation, tracking and their own requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from services.equipment import get_bookable_equipment
from services.forms import MessageForm, RequestForm, TrackForm
from services.intake import (
    add_attachments,
    add_enterprise_message,
    create_request,
    find_request_by_token,
    tracking_path,
    withdraw,
)
from services.models import (
    Channel,
    EnterpriseMembership,
    RequestStatus,
    RequestType,
    ServicePage,
    ServiceRequest,
    enterprise_of,
)
from services.ratelimit import is_rate_limited
from services.surveys import open_survey_for
from services.views.access import (
    SESSION_NEW_TOKENS,
    acts_for_enterprise,
    attachment_response,
    can_view_internal,
    get_request_or_404,
    remember_tracking,
)


def rate_limited(request):
    return render(request, "services/rate_limited.html", status=429)


def _initial_from_query(request, acting_enterprise):
    initial = {}
    request_type = request.GET.get("type", "")
    if request_type in RequestType.values:
        initial["request_type"] = request_type
    slug = request.GET.get("service", "")
    if slug:
        service = ServicePage.objects.live().filter(slug=slug).first()
        if service is not None:
            initial["service"] = service.pk
            initial["qi_element"] = service.qi_element
            initial.setdefault("request_type", RequestType.DEMAND)
    equipment_id = request.GET.get("equipment", "")
    if equipment_id:
        equipment = get_bookable_equipment(equipment_id)
        if equipment is not None:
            initial["equipment"] = equipment.pk
            initial["equipment_name"] = str(equipment)[:200]
            initial["request_type"] = RequestType.BOOKING
    if acting_enterprise is not None:
        initial.update(
            contact_name=acting_enterprise.contact_name,
            contact_phone=acting_enterprise.contact_phone,
            contact_email=acting_enterprise.contact_email,
        )
    elif request.user.is_authenticated:
        initial["contact_email"] = request.user.email
    initial.setdefault("request_type", RequestType.DEMAND)
    return initial


def request_new(request):
    acting_enterprise = enterprise_of(request.user)
    files_to_choose_again = False
    if request.method == "POST":
        if is_rate_limited(request, "submit"):
            return rate_limited(request)
        form = RequestForm(request.POST, request.FILES, acting_enterprise=acting_enterprise)
        if form.is_valid():
            service_request, token, _created = create_request(
                form.request_data(),
                files=form.cleaned_data["attachments"],
                channel=Channel.WEB,
                user=request.user,
                acting_enterprise=acting_enterprise,
                idempotency_key=form.cleaned_data.get("idempotency_key"),
                base_url=request.build_absolute_uri("/"),
            )
            remember_tracking(request, service_request, token)
            return redirect("services:request_done", number=service_request.number)
        files_to_choose_again = bool(request.FILES)
    else:
        form = RequestForm(
            initial=_initial_from_query(request, acting_enterprise),
            acting_enterprise=acting_enterprise,
        )
    return render(
        request,
        "services/request_new.html",
        {
            "form": form,
            "acting_enterprise": acting_enterprise,
            "files_to_choose_again": files_to_choose_again,
        },
    )


def request_done(request, number):
    service_request = get_request_or_404(request, number, as_enterprise=True)
    token = request.session.get(SESSION_NEW_TOKENS, {}).get(number)
    tracking_url = request.build_absolute_uri(tracking_path(number, token)) if token else ""
    return render(
        request,
        "services/request_done.html",
        {"service_request": service_request, "tracking_url": tracking_url},
    )


def request_track(request):
    if "number" not in request.GET and "token" not in request.GET:
        return render(request, "services/request_track.html", {"form": TrackForm()})
    if is_rate_limited(request, "track"):
        return rate_limited(request)
    form = TrackForm(request.GET)
    if form.is_valid():
        service_request = find_request_by_token(
            form.cleaned_data["number"], form.cleaned_data["token"]
        )
        if service_request is not None:
            remember_tracking(request, service_request)
            return redirect("services:request_detail", number=service_request.number)
    return render(
        request,
        "services/request_track.html",
        {"form": TrackForm(initial={"number": request.GET.get("number", "")}), "not_found": True},
        status=404,
    )


def _detail_context(request, service_request, message_form=None):
    is_enterprise = acts_for_enterprise(request, service_request)
    return {
        "service_request": service_request,
        "events": service_request.public_events().select_related("author"),
        "attachments": service_request.attachments.filter(is_public=True),
        "is_enterprise": is_enterprise,
        "can_write": is_enterprise and service_request.is_open,
        "can_withdraw": is_enterprise
        and service_request.can_transition(RequestStatus.WITHDRAWN, "enterprise"),
        "message_form": message_form or MessageForm(),
        "open_survey": (
            open_survey_for(service_request)
            if is_enterprise and service_request.status == RequestStatus.CLOSED
            else None
        ),
    }


def request_detail(request, number):
    service_request = get_request_or_404(request, number)
    return render(
        request, "services/request_detail.html", _detail_context(request, service_request)
    )


@require_POST
def request_message(request, number):
    service_request = get_request_or_404(request, number, as_enterprise=True)
    if not service_request.is_open:
        raise Http404
    if is_rate_limited(request, "message"):
        return rate_limited(request)
    form = MessageForm(
        request.POST, request.FILES, existing_attachments=service_request.attachments.count()
    )
    if form.is_valid():
        if form.cleaned_data["attachments"]:
            add_attachments(service_request, form.cleaned_data["attachments"], user=request.user)
        if form.cleaned_data["message"]:
            add_enterprise_message(service_request, form.cleaned_data["message"], user=request.user)
        messages.success(request, _("Your message has been added."))
        return redirect("services:request_detail", number=number)
    context = _detail_context(request, service_request, form)
    context["files_to_choose_again"] = bool(request.FILES)
    return render(request, "services/request_detail.html", context)


@require_POST
def request_withdraw(request, number):
    service_request = get_request_or_404(request, number, as_enterprise=True)
    if withdraw(service_request, user=request.user, reason=request.POST.get("reason", "")[:500]):
        messages.success(request, _("The request has been withdrawn."))
    else:
        messages.error(request, _("This request can no longer be withdrawn."))
    return redirect("services:request_detail", number=number)


def attachment_download(request, number, attachment_id):
    service_request = get_request_or_404(request, number)
    attachments = service_request.attachments.exclude(file="")
    if not can_view_internal(request):
        attachments = attachments.filter(is_public=True)
    attachment = attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return attachment_response(attachment)


@login_required
def my_requests(request):
    enterprise = enterprise_of(request.user)
    pending = (
        EnterpriseMembership.objects.filter(
            user=request.user, status=EnterpriseMembership.Status.PENDING
        )
        .select_related("enterprise")
        .first()
    )
    requests = (
        ServiceRequest.objects.filter(enterprise=enterprise).select_related("service")
        if enterprise is not None
        else ServiceRequest.objects.none()
    )
    return render(
        request,
        "services/my_requests.html",
        {
            "enterprise": enterprise,
            "pending": pending,
            "requests": requests,
            "new_url": reverse("services:request_new"),
        },
    )
