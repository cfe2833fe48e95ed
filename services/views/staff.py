"""What staff do in the admin: register requests that came by window, phone, email, visit or
forum (003 7.2.1.2), and work one request in its workspace (003 7.2.2-7.2.4, 001 7.2, 004 ch. 6).

Every change goes through services.workflow; these views only turn forms into those calls.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import model_to_dict
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from services import workflow
from services.forms import StaffRequestForm
from services.intake import create_request, tracking_path
from services.models import (
    BookingDecision,
    RequestStatus,
    RequestType,
    ServiceRequest,
)
from services.surveys import survey_result_for
from services.views.enterprise_file import enterprise_file_url
from services.workflow import PLAN_FIELDS, WorkflowError
from services.workspace_forms import (
    AssignForm,
    BookingForm,
    CaseConsentForm,
    ClassifyForm,
    ComplaintForm,
    DeliverableForm,
    FollowUpForm,
    PlanForm,
    PlanReviewForm,
    ResolutionForm,
    RoundForm,
    TextForm,
    TransitionForm,
)


@permission_required("services.add_servicerequest", raise_exception=True)
def staff_request_new(request):
    created = None
    if request.method == "POST":
        form = StaffRequestForm(request.POST, request.FILES)
        if form.is_valid():
            service_request, token, _created = create_request(
                form.request_data(),
                files=form.cleaned_data["attachments"],
                channel=form.cleaned_data["channel"],
                entered_by=request.user,
                idempotency_key=form.cleaned_data.get("idempotency_key"),
                base_url=request.build_absolute_uri("/"),
            )
            created = {
                "service_request": service_request,
                "tracking_url": (
                    request.build_absolute_uri(tracking_path(service_request.number, token))
                    if token
                    else ""
                ),
            }
            form = StaffRequestForm()
    else:
        form = StaffRequestForm(initial={"request_type": request.GET.get("type", "demand")})
    return render(
        request,
        "services/staff/request_new.html",
        {
            "form": form,
            "created": created,
            "page_title": _("Register a request"),
            "header_icon": "form",
            "files_to_choose_again": request.method == "POST"
            and bool(request.FILES)
            and not created,
        },
    )


# -- the workspace ---------------------------------------------------------------------------

audit_log = logging.getLogger("services.audit")

# How each status button looks and says what it does.
MOVE_LABELS = {
    RequestStatus.ACCEPTED: (gettext_lazy("Accept"), "button"),
    RequestStatus.DECLINED: (gettext_lazy("Decline"), "button button-secondary no"),
    RequestStatus.IN_PROGRESS: (gettext_lazy("Start work"), "button"),
    RequestStatus.RESOLVED: (gettext_lazy("Resolve"), "button"),
    RequestStatus.CLOSED: (gettext_lazy("Close and send the survey"), "button"),
    RequestStatus.SUBMITTED: (gettext_lazy("Reconsider"), "button button-secondary"),
}


def _load(request, pk):
    if not workflow.can_view(request.user):
        raise PermissionDenied
    return get_object_or_404(
        ServiceRequest.objects.select_related("enterprise", "owner", "service", "entered_by"),
        pk=pk,
    )


def next_step(service_request):
    """One line that says what to do now, so nobody has to guess."""
    status, kind = service_request.status, service_request.request_type
    if status == RequestStatus.SUBMITTED:
        if kind == RequestType.BOOKING:
            return _("Check the instrument's availability, then approve, reschedule or refuse.")
        if not service_request.qi_element:
            return _("Classify the request by QI element, then accept it or decline with a reason.")
        return _("Accept the request, or decline it with a reason the enterprise will see.")
    if status == RequestStatus.ACCEPTED:
        needs_plan = kind in (RequestType.DEMAND, RequestType.ASSISTANCE)
        if needs_plan and not service_request.plans.exists():
            return _("Put the team together and draw up the service plan, then start work.")
        return _("Put the team together, then start work.")
    if status == RequestStatus.IN_PROGRESS:
        if kind == RequestType.ASSISTANCE:
            return _(
                "Record the cause analysis and the linkage record of the current round; "
                "record the re-inspection result when it is known."
            )
        if kind == RequestType.COMPLAINT:
            return _("Investigate, handle and give the complainant feedback by the promised date.")
        return _("Record follow-ups as you go; when done, record the resolution and resolve.")
    if status == RequestStatus.RESOLVED:
        return _("Check the result with the enterprise, then close: the survey goes out.")
    if status == RequestStatus.CLOSED:
        survey = getattr(service_request, "survey", None)
        if survey is not None and survey.answered_at is None:
            return _("Closed; the satisfaction survey is waiting for an answer.")
        return _("Closed.")
    return service_request.get_status_display()


def _initial_forms(service_request):
    latest_plan = service_request.plans.order_by("-version").first()
    current_round = (
        service_request.rounds.filter(closed_at__isnull=True).order_by("-number").first()
    )
    forms = {
        "transition": TransitionForm(),
        "classify": ClassifyForm(initial={"qi_element": service_request.qi_element}),
        "assign": AssignForm(
            initial={
                "owner": service_request.owner_id,
                "experts": list(service_request.experts.values_list("pk", flat=True)),
                "institutions": list(service_request.institutions.values_list("pk", flat=True)),
            }
        ),
        "plan": PlanForm(
            initial=model_to_dict(latest_plan, [f for f in PLAN_FIELDS if f != "change_reason"])
            if latest_plan
            else None,
            is_change=latest_plan is not None,
        ),
        "review": PlanReviewForm() if latest_plan else None,
        "follow_up": FollowUpForm(),
        "note": TextForm(prefix="note"),
        "message": TextForm(prefix="message"),
        "resolution": ResolutionForm(
            instance=service_request,
            is_booking=service_request.request_type == RequestType.BOOKING,
        ),
        "deliverable": DeliverableForm(),
        "round": None,
        "complaint": None,
        "booking": None,
    }
    if service_request.request_type == RequestType.ASSISTANCE and current_round is not None:
        forms["round"] = RoundForm(instance=current_round, prefix="round")
    if service_request.request_type == RequestType.COMPLAINT:
        forms["complaint"] = ComplaintForm(instance=service_request)
    if service_request.request_type == RequestType.BOOKING:
        forms["booking"] = BookingForm(
            initial={
                "decision": service_request.booking_decision or BookingDecision.APPROVED,
                "booked_from": service_request.booked_from,
                "booked_until": service_request.booked_until,
            }
        )
    return forms, latest_plan, current_round


def _render(request, service_request, bound=None, status=200):
    forms, latest_plan, current_round = _initial_forms(service_request)
    if bound is not None:
        forms[bound[0]] = bound[1]
    user = request.user
    can_act = workflow.can_act(user, service_request)
    moves = [
        {"status": status_, "label": MOVE_LABELS[status_][0], "classname": MOVE_LABELS[status_][1]}
        for status_ in workflow.allowed_moves(service_request, user)
    ]
    context = {
        "service_request": service_request,
        "page_title": f"{service_request.number} {service_request.title}",
        "header_icon": "tasks",
        "events": service_request.events.select_related("author").order_by("created_at", "pk"),
        "attachments": service_request.attachments.select_related("follow_up").exclude(file=""),
        "plans": service_request.plans.select_related("author")
        .prefetch_related("reviews__reviewer")
        .order_by("-version"),
        "latest_plan": latest_plan,
        "follow_ups": service_request.follow_ups.select_related("author")
        .prefetch_related("attachments")
        .order_by("-happened_on", "-pk"),
        "rounds": service_request.rounds.prefetch_related("knowledge_entries").order_by("number"),
        "current_round": current_round,
        "experts": service_request.experts.all(),
        "institutions": service_request.institutions.all(),
        "survey": getattr(service_request, "survey", None),
        "survey_answers": survey_result_for(service_request),
        "enterprise_file_url": enterprise_file_url(service_request.enterprise),
        "forms": forms,
        "moves": moves,
        "can_act": can_act,
        "is_open": service_request.is_open,
        "next_step": next_step(service_request),
        "index_url": reverse("services_servicerequest_modeladmin_index"),
    }
    return render(request, "services/queue/workspace.html", context, status=status)


def workspace(request, pk):
    service_request = _load(request, pk)
    # Requirements 5 / 003 6.4: who opened which request is logged; changes are in the trail.
    audit_log.info("user %s viewed request %s", request.user.pk, service_request.number)
    return _render(request, service_request)


@dataclass
class Action:
    """One form of the workspace: how to build it from the POST and what to call with it."""

    form_name: str
    build: Callable
    apply: Callable
    done: str


def _fresh(service_request):
    return ServiceRequest.objects.get(pk=service_request.pk)


def _transition(service_request, form, user):
    to_status = form.cleaned_data["to_status"]
    if to_status not in RequestStatus.values:
        raise WorkflowError(_("Unknown status."))
    workflow.transition(service_request, to_status, user=user, note=form.cleaned_data["note"])


def _plan_form(request, service_request):
    return PlanForm(request.POST, is_change=service_request.plans.exists())


def _review(service_request, form, user):
    plan = service_request.plans.order_by("-version").first()
    if plan is None:
        raise WorkflowError(_("There is no plan to review yet."))
    workflow.review_plan(plan, user=user, data=form.cleaned_data)


def _round_form(request, service_request):
    current = service_request.rounds.filter(closed_at__isnull=True).order_by("-number").first()
    if current is None:
        raise WorkflowError(_("Start work first: the first round opens then."))
    return RoundForm(request.POST, instance=current, prefix="round")


def _round(service_request, form, user):
    current = form.instance
    # The form has written the typed values onto the instance; the workflow compares them
    # with the stored row, so hand it a fresh copy.
    stored = type(current).objects.get(pk=current.pk)
    workflow.update_round(
        stored,
        user=user,
        data=form.round_data(),
        knowledge_entries=form.cleaned_data["knowledge_entries"],
    )


def _booking(service_request, form, user):
    data = form.cleaned_data
    workflow.decide_booking(
        service_request,
        user=user,
        decision=data["decision"],
        booked_from=data.get("booked_from"),
        booked_until=data.get("booked_until"),
        note=data.get("note", ""),
    )


ACTIONS = {
    "transition": Action(
        "transition",
        lambda request, sr: TransitionForm(request.POST),
        _transition,
        gettext_lazy("Status changed."),
    ),
    "classify": Action(
        "classify",
        lambda request, sr: ClassifyForm(request.POST),
        lambda sr, form, user: workflow.classify(
            sr, user=user, qi_element=form.cleaned_data["qi_element"]
        ),
        gettext_lazy("Classification saved."),
    ),
    "assign": Action(
        "assign",
        lambda request, sr: AssignForm(request.POST),
        lambda sr, form, user: workflow.assign(sr, user=user, **form.cleaned_data),
        gettext_lazy("Team saved."),
    ),
    "plan": Action(
        "plan",
        _plan_form,
        lambda sr, form, user: workflow.add_plan_version(sr, user=user, data=form.cleaned_data),
        gettext_lazy("Plan version saved."),
    ),
    "review": Action(
        "review",
        lambda request, sr: PlanReviewForm(request.POST),
        _review,
        gettext_lazy("Plan review recorded."),
    ),
    "follow-up": Action(
        "follow_up",
        lambda request, sr: FollowUpForm(request.POST, request.FILES),
        lambda sr, form, user: workflow.add_follow_up(
            sr, user=user, data=form.follow_up_data(), files=form.cleaned_data["attachments"]
        ),
        gettext_lazy("Follow-up recorded."),
    ),
    "note": Action(
        "note",
        lambda request, sr: TextForm(request.POST, prefix="note"),
        lambda sr, form, user: workflow.add_note(sr, user=user, text=form.cleaned_data["text"]),
        gettext_lazy("Internal note added."),
    ),
    "message": Action(
        "message",
        lambda request, sr: TextForm(request.POST, prefix="message"),
        lambda sr, form, user: workflow.send_message(sr, user=user, text=form.cleaned_data["text"]),
        gettext_lazy("Message sent to the enterprise."),
    ),
    "round": Action("round", _round_form, _round, gettext_lazy("Assistance record saved.")),
    "complaint": Action(
        "complaint",
        lambda request, sr: ComplaintForm(request.POST, instance=_fresh(sr)),
        lambda sr, form, user: workflow.update_complaint(sr, user=user, data=form.cleaned_data),
        gettext_lazy("Complaint handling saved."),
    ),
    "booking": Action(
        "booking",
        lambda request, sr: BookingForm(request.POST),
        _booking,
        gettext_lazy("Booking decision saved."),
    ),
    "resolution": Action(
        "resolution",
        lambda request, sr: ResolutionForm(
            request.POST,
            instance=_fresh(sr),
            is_booking=sr.request_type == RequestType.BOOKING,
        ),
        lambda sr, form, user: workflow.record_resolution(
            sr, user=user, data=form.resolution_data()
        ),
        gettext_lazy("Resolution saved."),
    ),
    "deliverable": Action(
        "deliverable",
        lambda request, sr: DeliverableForm(request.POST, request.FILES),
        lambda sr, form, user: workflow.add_deliverables(
            sr,
            user=user,
            files=form.cleaned_data["files"],
            kind=form.cleaned_data["kind"],
            description=form.cleaned_data["description"],
        ),
        gettext_lazy("Deliverables added; the enterprise can download them."),
    ),
    # 001 7.3.1: the draft case itself is made by services.views.results.case_draft.
    "case-consent": Action(
        "case_consent",
        lambda request, sr: CaseConsentForm(request.POST),
        lambda sr, form, user: workflow.record_case_consent(
            sr, user=user, consent=form.cleaned_data["case_consent"]
        ),
        gettext_lazy("Consent to publication as a typical case saved."),
    ),
}


def workspace_action(request, pk, action):
    """POST only (with CSRF): a GET never changes anything."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    service_request = _load(request, pk)
    handler = ACTIONS.get(action)
    if handler is None:
        raise PermissionDenied
    if workflow.role_of(request.user) is None:
        raise PermissionDenied
    try:
        form = handler.build(request, service_request)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("services_queue:workspace", pk=pk)
    if form.is_valid():
        try:
            with transaction.atomic():
                handler.apply(service_request, form, request.user)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, str(handler.done))
            url = reverse("services_queue:workspace", args=[pk])
            return redirect(f"{url}#{handler.form_name.replace('_', '-')}")
    service_request = _load(request, pk)
    return _render(request, service_request, bound=(handler.form_name, form), status=400)
