"""Every change to a request in the queue goes through here.

Views and the API call these functions; none of them changes a request itself. Each function
locks the request, checks the caller's right, changes what it must, writes the audit trail
(RequestEvent: who, when, from, to, note) and queues notifications after the commit, all in one
transaction: a refusal or a failure leaves nothing behind.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from services.models import (
    ALLOWED_TRANSITIONS,
    AssistanceRound,
    AttachmentPurpose,
    BookingDecision,
    FollowUp,
    PlanReview,
    Reinspection,
    RequestEvent,
    RequestStatus,
    RequestType,
    ReviewConclusion,
    ReviewResult,
    Role,
    ServicePlan,
    ServiceRequest,
    TimeLimit,
)
from services.notifications import managers, notify
from services.people import person_name

# What a request of each type gets when a manager has not set its limits.
DEFAULT_TIME_LIMITS = {
    RequestType.DEMAND: (24, 30),
    RequestType.ASSISTANCE: (24, 60),
    RequestType.COMPLAINT: (24, 15),
    RequestType.BOOKING: (24, 7),
    RequestType.CONSULTATION: (24, 5),
}


class WorkflowError(Exception):
    """A refused action; the message says why, in words for the person who tried."""


# -- who may do what -------------------------------------------------------------------------


def role_of(user):
    """The queue role of a staff user: manager, specialist or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.has_perm("services.manage_queue"):
        return Role.MANAGER
    if user.has_perm("services.change_servicerequest"):
        return Role.SPECIALIST
    return None


def can_view(user):
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm("services.view_servicerequest")
    )


def can_act(user, service_request):
    """Managers act on any request; a specialist on unowned requests and on their own."""
    role = role_of(user)
    if role == Role.MANAGER:
        return True
    if role == Role.SPECIALIST:
        return service_request.owner_id in (None, user.pk)
    return False


def _check_can_act(user, service_request):
    if role_of(user) is None:
        raise PermissionDenied
    if not can_act(user, service_request):
        owner = service_request.owner
        raise WorkflowError(
            _("This request belongs to %(owner)s; ask them or a manager to act on it.")
            % {"owner": person_name(owner)}
        )
    if service_request.anonymised_at is not None:
        raise WorkflowError(_("This request has been anonymised and can no longer change."))


def allowed_moves(service_request, user):
    """The statuses this user may move the request to now, in table order."""
    role = role_of(user)
    if role is None or not can_act(user, service_request):
        return []
    return [
        status
        for status, roles in ALLOWED_TRANSITIONS.get(service_request.status, {}).items()
        if role in roles
    ]


def _lock(service_request):
    return (
        ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("owner", "enterprise")
        .get(pk=service_request.pk)
    )


# -- the audit trail and notices -------------------------------------------------------------


def record(
    service_request,
    kind,
    *,
    user=None,
    message="",
    changes=None,
    public=False,
    by_enterprise=False,
    from_status="",
    to_status="",
    notify_enterprise=None,
):
    """Append one line to the trail; public lines by staff are mailed to the enterprise."""
    event = RequestEvent.objects.create(
        request=service_request,
        kind=kind,
        is_public=public,
        message=message,
        changes=changes or {},
        author=user if user is not None and user.is_authenticated else None,
        by_enterprise=by_enterprise,
        from_status=from_status,
        to_status=to_status,
    )
    if notify_enterprise is None:
        notify_enterprise = public and not by_enterprise
    if notify_enterprise:
        notify(
            f"event:{event.pk}",
            template="request_update",
            recipient=service_request.contact_email,
            service_request=service_request,
            payload={"event_id": event.pk},
        )
    return event


def _display(instance, name, value):
    field = instance._meta.get_field(name)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value or ""))
    if hasattr(field, "labels") and isinstance(value, list):
        return "、".join(str(label) for label in field.labels(value))
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if hasattr(value, "hour")
            else value.isoformat()
        )
    return str(value)


def apply_changes(instance, data, fields):
    """Set `fields` from `data`; returns {label: [before, after]} for what really changed."""
    changes = {}
    for name in fields:
        if name not in data:
            continue
        before, after = getattr(instance, name), data[name]
        if before == after or (before in (None, "") and after in (None, "")):
            continue
        label = str(instance._meta.get_field(name).verbose_name)
        changes[label] = [_display(instance, name, before), _display(instance, name, after)]
        setattr(instance, name, after)
    return changes


# -- time limits -----------------------------------------------------------------------------


def time_limit_for(request_type):
    limit = TimeLimit.objects.filter(request_type=request_type).first()
    if limit is None:
        hours, days = DEFAULT_TIME_LIMITS[request_type]
        limit = TimeLimit(request_type=request_type, acknowledge_hours=hours, resolve_days=days)
    return limit


def apply_time_limits(service_request):
    """Set the acknowledge and resolve deadlines from the type's limits (before saving)."""
    start = service_request.created_at or timezone.now()
    limit = time_limit_for(service_request.request_type)
    service_request.acknowledge_due_at, service_request.resolve_due_at = limit.due_times(start)


def overdue_q(now=None):
    now = now or timezone.now()
    return Q(status=RequestStatus.SUBMITTED, acknowledge_due_at__lt=now) | Q(
        status__in=[RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS], resolve_due_at__lt=now
    )


# -- the state machine -----------------------------------------------------------------------


def _guard(service_request, to_status, note):
    """What must be true before a move, beyond the table (003 7.2.1.3, 000 6.5.4)."""
    if to_status == RequestStatus.DECLINED and not note.strip():
        raise WorkflowError(_("Give the reason for declining; the enterprise will see it."))
    if to_status == RequestStatus.ACCEPTED and not service_request.qi_element:
        raise WorkflowError(_("Classify the request by QI element before accepting it."))
    if to_status == RequestStatus.RESOLVED:
        if not service_request.resolution_summary.strip():
            raise WorkflowError(_("Record the resolution before resolving the request."))
        if (
            service_request.request_type == RequestType.COMPLAINT
            and not service_request.complaint_feedback.strip()
        ):
            raise WorkflowError(
                _("Record the feedback to the complainant before resolving the complaint.")
            )
        if service_request.request_type == RequestType.BOOKING and (
            service_request.booking_decision
            not in (BookingDecision.APPROVED, BookingDecision.RESCHEDULED)
        ):
            raise WorkflowError(_("Approve the booking before resolving it."))


def transition(service_request, to_status, *, user=None, role=None, note="", public_note=True):
    """Move a request to `to_status` if the table lets `role` do it; returns the fresh request.

    Staff callers pass only `user`: their role comes from their permissions. The enterprise
    passes role=Role.ENTERPRISE.
    """
    note = (note or "").strip()
    with transaction.atomic():
        locked = _lock(service_request)
        if role != Role.ENTERPRISE:
            _check_can_act(user, locked)
            role = role_of(user)
        if not locked.can_transition(to_status, role):
            raise WorkflowError(
                _("A request that is “%(from)s” cannot be moved to “%(to)s”.")
                % {
                    "from": locked.get_status_display(),
                    "to": RequestStatus(to_status).label,
                }
            )
        _guard(locked, to_status, note)
        if to_status == RequestStatus.RESOLVED and not note:
            # The enterprise reads what was done on its tracking page (000 ch. 8).
            note = locked.resolution_summary
        previous = locked.status
        now = timezone.now()
        locked.status = to_status
        if previous == RequestStatus.SUBMITTED and to_status in (
            RequestStatus.ACCEPTED,
            RequestStatus.DECLINED,
        ):
            locked.acknowledged_at = locked.acknowledged_at or now
        if (
            to_status == RequestStatus.ACCEPTED
            and locked.owner_id is None
            and role != (Role.ENTERPRISE)
        ):
            locked.owner = user
        if to_status == RequestStatus.RESOLVED:
            locked.resolved_at = now
        if previous == RequestStatus.RESOLVED and to_status == RequestStatus.IN_PROGRESS:
            locked.resolved_at = None
        if to_status == RequestStatus.SUBMITTED:
            locked.acknowledged_at = None
            locked.acknowledge_escalated_at = None
            locked.retention_until = None
        if to_status == RequestStatus.CLOSED:
            locked.closed_at = now
        if to_status in (RequestStatus.CLOSED, RequestStatus.DECLINED, RequestStatus.WITHDRAWN):
            from services.retention import retention_end

            locked.retention_until = retention_end(locked)
        locked.save()
        record(
            locked,
            RequestEvent.Kind.STATUS,
            user=user,
            message=note if public_note else "",
            public=True,
            by_enterprise=role == Role.ENTERPRISE,
            from_status=previous,
            to_status=to_status,
        )
        if not public_note and note:
            record(locked, RequestEvent.Kind.NOTE, user=user, message=note)
        if (
            to_status == RequestStatus.IN_PROGRESS
            and locked.request_type == RequestType.ASSISTANCE
            and not locked.rounds.exists()
        ):
            AssistanceRound.objects.create(request=locked, number=1)
        if to_status == RequestStatus.CLOSED:
            from services.surveys import create_completion_survey

            create_completion_survey(locked)
    return locked


# -- classification and the team -------------------------------------------------------------


def classify(service_request, *, user, qi_element):
    with transaction.atomic():
        locked = _lock(service_request)
        _check_can_act(user, locked)
        changes = apply_changes(locked, {"qi_element": qi_element}, ["qi_element"])
        if changes:
            locked.save(update_fields=["qi_element", "updated_at"])
            record(locked, RequestEvent.Kind.CLASSIFIED, user=user, changes=changes)
    return locked


def assign(service_request, *, user, owner, experts, institutions):
    """Set the owning specialist and the team of experts and institutions (003 8.3.2)."""
    with transaction.atomic():
        locked = _lock(service_request)
        _check_can_act(user, locked)
        if owner is not None and owner != user and role_of(user) != Role.MANAGER:
            if locked.owner_id != user.pk:
                raise WorkflowError(_("Only a manager may hand a request to someone else."))
        if owner is not None and role_of(owner) is None:
            raise WorkflowError(_("The owner must be a service specialist or a manager."))
        changes = {}
        if locked.owner_id != (owner.pk if owner else None):
            changes[str(_("owning specialist"))] = [
                _user_label(locked.owner),
                _user_label(owner),
            ]
            locked.owner = owner
        before_experts = {expert.pk: str(expert) for expert in locked.experts.all()}
        after_experts = {expert.pk: str(expert) for expert in experts}
        if set(before_experts) != set(after_experts):
            changes[str(_("experts"))] = [
                "、".join(sorted(before_experts.values())),
                "、".join(sorted(after_experts.values())),
            ]
            locked.experts.set(list(experts))
        before_institutions = {item.pk: str(item) for item in locked.institutions.all()}
        after_institutions = {item.pk: str(item) for item in institutions}
        if set(before_institutions) != set(after_institutions):
            changes[str(_("institutions"))] = [
                "、".join(sorted(before_institutions.values())),
                "、".join(sorted(after_institutions.values())),
            ]
            locked.institutions.set(list(institutions))
        if not changes:
            return locked
        locked.save(update_fields=["owner", "updated_at"])
        event = record(locked, RequestEvent.Kind.ASSIGNED, user=user, changes=changes)
        if owner is not None and owner != user and owner.email:
            notify(
                f"assigned:{event.pk}:{owner.pk}",
                template="assigned",
                recipient=owner.email,
                service_request=locked,
                payload={"event_id": event.pk},
            )
    return locked


def _user_label(user):
    if user is None:
        return ""
    return person_name(user)


# -- plan, review, follow-up, notes, messages ------------------------------------------------

PLAN_FIELDS = [
    "status_analysis",
    "main_problems",
    "goals",
    "service_items",
    "service_methods",
    "schedule",
    "starts_on",
    "ends_on",
    "team_roles",
    "safeguards",
    "expected_effect",
    "change_reason",
]


def add_plan_version(service_request, *, user, data):
    """A new version of the plan; from the second on, the change needs its reason (004 7.3)."""
    with transaction.atomic():
        locked = _lock(service_request)
        _check_can_act(user, locked)
        if not locked.is_open:
            raise WorkflowError(_("The plan of a finished request cannot change."))
        last = locked.plans.aggregate(last=Max("version"))["last"] or 0
        if last and not (data.get("change_reason") or "").strip():
            raise WorkflowError(_("Say why the plan changes and what the change affects."))
        plan = ServicePlan.objects.create(
            request=locked,
            version=last + 1,
            author=user,
            **{name: data[name] for name in PLAN_FIELDS if name in data},
        )
        if last:
            message = _("Plan changed to version %(version)d: %(reason)s") % {
                "version": plan.version,
                "reason": plan.change_reason,
            }
        else:
            message = _("Service plan drawn up (version 1).")
        record(locked, RequestEvent.Kind.PLAN, user=user, message=message, public=True)
    return plan


def review_plan(plan, *, user, data):
    """Record the review of a plan version against 004 6.2.4 a)-f)."""
    with transaction.atomic():
        locked = _lock(plan.request)
        _check_can_act(user, locked)
        latest = locked.plans.order_by("-version").first()
        if latest is None or latest.pk != plan.pk:
            raise WorkflowError(_("Only the latest version of the plan can be reviewed."))
        results = [data[name] for name, _label in _review_criteria()]
        if data["conclusion"] == ReviewConclusion.APPROVED and ReviewResult.NOT_MET in results:
            raise WorkflowError(
                _("A plan that does not meet a criterion cannot be approved; ask for a revision.")
            )
        review = PlanReview.objects.create(plan=plan, reviewer=user, **data)
        record(
            locked,
            RequestEvent.Kind.PLAN_REVIEW,
            user=user,
            message=_("Plan version %(version)d reviewed: %(conclusion)s")
            % {"version": plan.version, "conclusion": review.get_conclusion_display()},
            public=True,
        )
    return review


def _review_criteria():
    from services.models import REVIEW_CRITERIA

    return REVIEW_CRITERIA


def add_follow_up(service_request, *, user, data, files=()):
    from services.intake import files_removed_on_error, store_attachments

    with files_removed_on_error() as stored_names, transaction.atomic():
        locked = _lock(service_request)
        _check_can_act(user, locked)
        follow_up = FollowUp.objects.create(request=locked, author=user, **data)
        store_attachments(
            locked,
            files,
            user=user,
            stored_names=stored_names,
            purpose=AttachmentPurpose.FOLLOW_UP,
            is_public=False,
            follow_up=follow_up,
        )
        record(
            locked,
            RequestEvent.Kind.FOLLOW_UP,
            user=user,
            message=f"{follow_up.happened_on:%Y-%m-%d} {follow_up.get_mode_display()}: "
            f"{follow_up.content}",
        )
    return follow_up


def add_note(service_request, *, user, text):
    """An internal note: the enterprise never sees it."""
    with transaction.atomic():
        locked = _lock(service_request)
        _check_can_act(user, locked)
        return record(locked, RequestEvent.Kind.NOTE, user=user, message=text)


def send_message(service_request, *, user, text):
    """A message the enterprise sees on its tracking page and gets by mail."""
    with transaction.atomic():
        locked = _lock(service_request)
        _check_can_act(user, locked)
        return record(locked, RequestEvent.Kind.MESSAGE, user=user, message=text, public=True)


# -- by type ---------------------------------------------------------------------------------

ROUND_FIELDS = [
    "visited_on",
    "batch",
    "quantity",
    "nonconforming_disposal",
    "cause_man",
    "cause_machine",
    "cause_material",
    "cause_method",
    "cause_environment",
    "cause_measurement",
    "cause_analysis_state",
    "cause_analysis_note",
    "disposal_state",
    "disposal_note",
    "rectification_state",
    "rectification_note",
    "management_state",
    "management_note",
    "reinspection",
    "reinspected_on",
    "reinspection_note",
    "expert_advice",
    "improvement",
]


def update_round(assistance_round, *, user, data, knowledge_entries=None):
    """Save the cause analysis and linkage record of the open round (001 Annexes B and D).

    001 7.2.5.2: a failed re-inspection closes this round and opens the next.
    """
    with transaction.atomic():
        locked = _lock(assistance_round.request)
        _check_can_act(user, locked)
        current = AssistanceRound.objects.select_for_update().get(pk=assistance_round.pk)
        if not current.is_open:
            raise WorkflowError(_("This round is closed; work in the current round."))
        if not locked.is_open:
            raise WorkflowError(_("The records of a finished request cannot change."))
        changes = apply_changes(current, data, ROUND_FIELDS)
        if knowledge_entries is not None:
            before = {entry.pk: entry.title for entry in current.knowledge_entries.all()}
            after = {entry.pk: entry.title for entry in knowledge_entries}
            if set(before) != set(after):
                changes[str(_("related common problems"))] = [
                    "、".join(sorted(before.values())),
                    "、".join(sorted(after.values())),
                ]
                current.knowledge_entries.set(list(knowledge_entries))
        if not changes:
            return current, None
        next_round = None
        if current.reinspection == Reinspection.FAILED:
            current.closed_at = timezone.now()
        current.save()
        record(
            locked,
            RequestEvent.Kind.ROUND,
            user=user,
            message=_("Round %(number)d") % {"number": current.number},
            changes=changes,
        )
        if (
            "reinspection" in data
            and data["reinspection"]
            in (
                Reinspection.PASSED,
                Reinspection.FAILED,
            )
            and str(current._meta.get_field("reinspection").verbose_name) in changes
        ):
            record(
                locked,
                RequestEvent.Kind.ROUND,
                user=user,
                message=current.get_reinspection_display(),
                public=True,
            )
        if current.reinspection == Reinspection.FAILED:
            next_round = AssistanceRound.objects.create(request=locked, number=current.number + 1)
            record(
                locked,
                RequestEvent.Kind.ROUND,
                user=user,
                message=_(
                    "Re-inspection failed: round %(number)d of assistance starts (001 7.2.5.2)."
                )
                % {"number": next_round.number},
                public=True,
            )
    return current, next_round


COMPLAINT_FIELDS = [
    "complaint_promised_by",
    "complaint_investigation",
    "complaint_handling",
    "complaint_feedback",
]


def update_complaint(service_request, *, user, data):
    """Promised deadline, investigation, handling and feedback (000 6.5, 004 8.2.1)."""
    with transaction.atomic():
        locked = _lock(service_request)
        _check_can_act(user, locked)
        if locked.request_type != RequestType.COMPLAINT:
            raise WorkflowError(_("Only complaints have complaint handling."))
        if not locked.is_open:
            raise WorkflowError(_("The records of a finished request cannot change."))
        promised_before = locked.complaint_promised_by
        feedback_before = locked.complaint_feedback
        changes = apply_changes(locked, data, COMPLAINT_FIELDS)
        if not changes:
            return locked
        if locked.complaint_promised_by and locked.complaint_promised_by != promised_before:
            # 000 6.5.2: the promise becomes the deadline the queue watches.
            from datetime import datetime, time

            locked.resolve_due_at = timezone.make_aware(
                datetime.combine(locked.complaint_promised_by, time(23, 59))
            )
            locked.resolve_escalated_at = None
        locked.save()
        record(locked, RequestEvent.Kind.COMPLAINT, user=user, changes=changes)
        if locked.complaint_promised_by != promised_before and locked.complaint_promised_by:
            record(
                locked,
                RequestEvent.Kind.COMPLAINT,
                user=user,
                message=_("We promise to reply by %(date)s.")
                % {"date": locked.complaint_promised_by.isoformat()},
                public=True,
            )
        if locked.complaint_feedback.strip() and locked.complaint_feedback != feedback_before:
            record(
                locked,
                RequestEvent.Kind.COMPLAINT,
                user=user,
                message=locked.complaint_feedback,
                public=True,
            )
    return locked


def decide_booking(
    service_request, *, user, decision, booked_from=None, booked_until=None, note=""
):
    """Approve, reschedule or refuse a booking (003 A.8); refusing declines the request."""
    note = (note or "").strip()
    with transaction.atomic():
        locked = _lock(service_request)
        _check_can_act(user, locked)
        if locked.request_type != RequestType.BOOKING:
            raise WorkflowError(_("Only equipment bookings take a booking decision."))
        if not locked.is_open:
            raise WorkflowError(_("The records of a finished request cannot change."))
        if decision == BookingDecision.REFUSED:
            if not note:
                raise WorkflowError(_("Give the reason for refusing; the enterprise will see it."))
            locked.booking_decision = decision
            locked.save(update_fields=["booking_decision", "updated_at"])
            if locked.status == RequestStatus.SUBMITTED:
                return transition(locked, RequestStatus.DECLINED, user=user, note=note)
            record(locked, RequestEvent.Kind.BOOKING, user=user, message=note, public=True)
            return locked
        if booked_from is None or booked_until is None or booked_until <= booked_from:
            raise WorkflowError(_("Give the booked time: a start and a later end."))
        changes = apply_changes(
            locked,
            {
                "booking_decision": decision,
                "booked_from": booked_from,
                "booked_until": booked_until,
            },
            ["booking_decision", "booked_from", "booked_until"],
        )
        locked.save()
        message = _("%(decision)s: %(start)s – %(end)s") % {
            "decision": locked.get_booking_decision_display(),
            "start": timezone.localtime(booked_from).strftime("%Y-%m-%d %H:%M"),
            "end": timezone.localtime(booked_until).strftime("%Y-%m-%d %H:%M"),
        }
        if note:
            message = f"{message}\n{note}"
        record(
            locked,
            RequestEvent.Kind.BOOKING,
            user=user,
            message=message,
            changes=changes,
            public=True,
        )
    if locked.status == RequestStatus.SUBMITTED:
        return transition(locked, RequestStatus.ACCEPTED, user=user)
    return locked


RESOLUTION_FIELDS = [
    "resolution_summary",
    "person_days",
    "service_visits",
    "trainings",
    "trainees",
    "problems_solved",
    "benefit_wan",
    "benefit_basis",
    "machine_hours",
    "booking_fee",
]


def record_resolution(service_request, *, user, data):
    """What was done and what it brought (000 ch. 8, 004 Annex A)."""
    with transaction.atomic():
        locked = _lock(service_request)
        _check_can_act(user, locked)
        if locked.status not in (
            RequestStatus.ACCEPTED,
            RequestStatus.IN_PROGRESS,
            RequestStatus.RESOLVED,
        ):
            raise WorkflowError(_("Record the resolution while the request is being worked."))
        changes = apply_changes(locked, data, RESOLUTION_FIELDS)
        if changes:
            locked.save()
            record(locked, RequestEvent.Kind.RESOLUTION, user=user, changes=changes)
    return locked


def add_deliverables(service_request, *, user, files, kind, description):
    """Deliverables the enterprise can download from its tracking page (000 ch. 8)."""
    from services.intake import files_removed_on_error, store_attachments

    with files_removed_on_error() as stored_names, transaction.atomic():
        locked = _lock(service_request)
        _check_can_act(user, locked)
        attachments = store_attachments(
            locked,
            files,
            user=user,
            stored_names=stored_names,
            purpose=AttachmentPurpose.DELIVERABLE,
            is_public=True,
            deliverable_kind=kind,
            description=description,
        )
        for attachment in attachments:
            record(
                locked,
                RequestEvent.Kind.DELIVERABLE,
                user=user,
                message=f"{attachment.get_deliverable_kind_display()}: "
                f"{attachment.description or attachment.original_name}",
                public=True,
            )
    return attachments


# -- escalation ------------------------------------------------------------------------------


@dataclass
class _Deadline:
    status_filter: Q
    due_field: str
    escalated_field: str
    label: str


def escalate_overdue(now=None):
    """Tell the owner and the managers about each request past a deadline, once per deadline.

    The claim (a conditional update of the escalated-at field) makes a second run, or two
    workers at once, send nothing more.
    """
    now = now or timezone.now()
    deadlines = [
        _Deadline(
            Q(status=RequestStatus.SUBMITTED),
            "acknowledge_due_at",
            "acknowledge_escalated_at",
            _("acknowledgement"),
        ),
        _Deadline(
            Q(status__in=[RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS]),
            "resolve_due_at",
            "resolve_escalated_at",
            _("resolution"),
        ),
    ]
    escalated = 0
    recipients_for_managers = list(managers())
    for deadline in deadlines:
        overdue_ids = list(
            ServiceRequest.objects.filter(deadline.status_filter)
            .filter(
                **{f"{deadline.due_field}__lt": now, f"{deadline.escalated_field}__isnull": True}
            )
            .values_list("pk", flat=True)[:1000]
        )
        for request_id in overdue_ids:
            with transaction.atomic():
                claimed = ServiceRequest.objects.filter(
                    pk=request_id, **{f"{deadline.escalated_field}__isnull": True}
                ).update(**{deadline.escalated_field: now})
                if not claimed:
                    continue
                service_request = ServiceRequest.objects.select_related("owner").get(pk=request_id)
                due = getattr(service_request, deadline.due_field)
                event = record(
                    service_request,
                    RequestEvent.Kind.ESCALATED,
                    message=_("Overdue for %(what)s since %(due)s.")
                    % {
                        "what": deadline.label,
                        "due": timezone.localtime(due).strftime("%Y-%m-%d %H:%M"),
                    },
                )
                recipients = list(recipients_for_managers)
                if service_request.owner is not None and service_request.owner.email:
                    recipients.append(service_request.owner)
                for recipient in {user.pk: user for user in recipients}.values():
                    notify(
                        f"escalated:{deadline.due_field}:{request_id}:{recipient.pk}",
                        template="escalated",
                        recipient=recipient.email,
                        service_request=service_request,
                        payload={"event_id": event.pk},
                    )
                escalated += 1
    return escalated


# -- results (001 7.3.1) ---------------------------------------------------------------------


def record_case_consent(service_request, *, user, consent):
    """Whether the enterprise agrees to its request being published as a typical case."""
    with transaction.atomic():
        locked = _lock(service_request)
        _check_can_act(user, locked)
        changes = apply_changes(locked, {"case_consent": bool(consent)}, ["case_consent"])
        if changes:
            words = {True: _("Consent given"), False: _("No consent")}
            label = next(iter(changes))
            changes[label] = [words[not consent], words[bool(consent)]]
            locked.save(update_fields=["case_consent", "updated_at"])
            record(locked, RequestEvent.Kind.NOTE, user=user, changes=changes)
    return locked
