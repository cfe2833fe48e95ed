"""The forms of a request's workspace in the queue; each one feeds one services.workflow call."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.choices import QIElement
from resources.models import Expert, Institution, KnowledgeEntryPage
from services.forms import MultipleFileField, clean_attachment_list
from services.models import (
    AssistanceRound,
    BookingDecision,
    DeliverableKind,
    FollowUp,
    PlanReview,
    ServicePlan,
    ServiceRequest,
)
from services.people import person_name
from services.roles import staff_users
from services.workflow import COMPLAINT_FIELDS, PLAN_FIELDS, RESOLUTION_FIELDS, ROUND_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _textareas(fields, rows=3):
    return {name: forms.Textarea(attrs={"rows": rows}) for name in fields}


class TransitionForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note to the enterprise"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown on the tracking page and mailed; required when declining."),
    )


class ClassifyForm(forms.Form):
    qi_element = forms.ChoiceField(label=_("QI element"), choices=QIElement.choices)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_name(obj)


class AssignForm(forms.Form):
    owner = UserChoiceField(label=_("Owning specialist"), queryset=staff_users(), required=False)
    experts = forms.ModelMultipleChoiceField(
        label=_("Experts"),
        queryset=Expert.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    institutions = forms.ModelMultipleChoiceField(
        label=_("Institutions"),
        queryset=Institution.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()


class PlanForm(forms.ModelForm):
    class Meta:
        model = ServicePlan
        fields = PLAN_FIELDS
        widgets = {
            **_textareas(
                [
                    "status_analysis",
                    "main_problems",
                    "goals",
                    "service_items",
                    "schedule",
                    "team_roles",
                    "safeguards",
                    "expected_effect",
                    "change_reason",
                ]
            ),
            "starts_on": DATE,
            "ends_on": DATE,
        }

    def __init__(self, *args, is_change=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_change = is_change
        self.fields["change_reason"].required = is_change
        if not is_change:
            self.fields["change_reason"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end cannot be before the start."))
        return cleaned


class PlanReviewForm(forms.ModelForm):
    class Meta:
        model = PlanReview
        fields = [
            "goal_fitness",
            "completeness",
            "feasibility",
            "staffing",
            "timing",
            "expected_benefit",
            "conclusion",
            "comments",
        ]
        widgets = {
            name: forms.RadioSelect
            for name in [
                "goal_fitness",
                "completeness",
                "feasibility",
                "staffing",
                "timing",
                "expected_benefit",
                "conclusion",
            ]
        } | {"comments": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                field.choices = [choice for choice in field.choices if choice[0] != ""]


class FollowUpForm(forms.ModelForm):
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Photos, sign-in sheets, minutes: PDF, JPG, PNG, DOCX or XLSX."),
    )

    class Meta:
        model = FollowUp
        fields = ["happened_on", "mode", "participants", "content"]
        widgets = {"happened_on": DATE, "content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["happened_on"].initial = timezone.localdate()

    def clean_happened_on(self):
        happened_on = self.cleaned_data["happened_on"]
        if happened_on > timezone.localdate():
            raise forms.ValidationError(_("A follow-up record is about something that happened."))
        return happened_on

    def clean_attachments(self):
        return clean_attachment_list(self.cleaned_data.get("attachments") or [])

    def follow_up_data(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class KnowledgeEntryField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class RoundForm(forms.ModelForm):
    knowledge_entries = KnowledgeEntryField(
        label=_("Related common problems in the knowledge base"),
        queryset=KnowledgeEntryPage.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("001 Annex C: link the problems this cause analysis matches."),
    )

    class Meta:
        model = AssistanceRound
        fields = ROUND_FIELDS
        widgets = {
            **_textareas(
                [
                    "nonconforming_disposal",
                    "cause_man",
                    "cause_machine",
                    "cause_material",
                    "cause_method",
                    "cause_environment",
                    "cause_measurement",
                    "cause_analysis_note",
                    "disposal_note",
                    "rectification_note",
                    "management_note",
                    "reinspection_note",
                    "expert_advice",
                    "improvement",
                ],
                rows=2,
            ),
            "visited_on": DATE,
            "reinspected_on": DATE,
            "cause_analysis_state": forms.RadioSelect,
            "disposal_state": forms.RadioSelect,
            "rectification_state": forms.RadioSelect,
            "management_state": forms.RadioSelect,
            "reinspection": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["knowledge_entries"].queryset = KnowledgeEntryPage.objects.live().order_by(
            "path"
        )
        if self.instance.pk:
            self.initial["knowledge_entries"] = list(
                self.instance.knowledge_entries.values_list("pk", flat=True)
            )
        for name in [
            "cause_analysis_state",
            "disposal_state",
            "rectification_state",
            "management_state",
        ]:
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] != ""]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reinspection") in ("passed", "failed") and not cleaned.get(
            "reinspected_on"
        ):
            self.add_error("reinspected_on", _("Give the date of the re-inspection."))
        return cleaned

    def round_data(self):
        return {name: self.cleaned_data[name] for name in ROUND_FIELDS}


class ComplaintForm(forms.ModelForm):
    class Meta:
        model = ServiceRequest
        fields = COMPLAINT_FIELDS
        widgets = {
            "complaint_promised_by": DATE,
            **_textareas(["complaint_investigation", "complaint_handling", "complaint_feedback"]),
        }
        help_texts = {
            "complaint_promised_by": _("000 6.5.2: the date you promise the complainant."),
            "complaint_feedback": _("Shown to the complainant and mailed (000 6.5.4)."),
        }

    def clean_complaint_promised_by(self):
        promised_by = self.cleaned_data["complaint_promised_by"]
        changed = promised_by != self.initial.get("complaint_promised_by")
        if promised_by and changed and promised_by < timezone.localdate():
            raise forms.ValidationError(_("A promise must be for today or later."))
        return promised_by


class BookingForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=BookingDecision.choices, widget=forms.RadioSelect
    )
    booked_from = forms.DateTimeField(label=_("From"), required=False, widget=DATETIME)
    booked_until = forms.DateTimeField(label=_("Until"), required=False, widget=DATETIME)
    note = forms.CharField(
        label=_("Note to the enterprise"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when refusing: say why."),
    )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == BookingDecision.REFUSED:
            if not (cleaned.get("note") or "").strip():
                self.add_error("note", _("Give the reason for refusing."))
        elif decision:
            start, end = cleaned.get("booked_from"), cleaned.get("booked_until")
            if start is None:
                self.add_error("booked_from", _("Give the start of the booked time."))
            if end is None:
                self.add_error("booked_until", _("Give the end of the booked time."))
            if start and end and end <= start:
                self.add_error("booked_until", _("The end must be after the start."))
        return cleaned


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = ServiceRequest
        fields = RESOLUTION_FIELDS
        widgets = _textareas(["resolution_summary", "benefit_basis"])
        help_texts = {
            "resolution_summary": _("What was done and delivered (000 ch. 8)."),
            "benefit_wan": _("004 Annex A: the quality benefit the enterprise gained."),
        }

    def __init__(self, *args, is_booking=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution_summary"].required = True
        if not is_booking:
            del self.fields["machine_hours"]
            del self.fields["booking_fee"]
        for name in ["person_days", "benefit_wan", "machine_hours", "booking_fee"]:
            if name in self.fields:
                self.fields[name].min_value = 0
                self.fields[name].validators.append(_non_negative)

    def resolution_data(self):
        return {name: self.cleaned_data[name] for name in self.fields}


def _non_negative(value):
    if value is not None and value < 0:
        raise forms.ValidationError(_("Enter a number that is not negative."))


class DeliverableForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of deliverable"), choices=DeliverableKind.choices)
    description = forms.CharField(label=_("Description"), max_length=300)
    files = MultipleFileField(label=_("Files"))

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        if not files:
            raise forms.ValidationError(_("Choose at least one file."))
        return clean_attachment_list(files)


class CaseConsentForm(forms.Form):
    """001 7.3.1: the enterprise's consent to publication as a typical case."""

    case_consent = forms.BooleanField(
        label=_("The enterprise agrees to publication as a typical case"), required=False
    )
