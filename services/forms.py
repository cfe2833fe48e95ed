"""The request form, shared by the public page, the API and staff entry."""

import uuid

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.choices import District, Industry
from services.equipment import get_bookable_equipment
from services.models import (
    REQUEST_FIELDS,
    STAFF_CHANNELS,
    Channel,
    EnterpriseSize,
    RequestType,
    SatisfactionSurvey,
    ServicePage,
    ServiceRequest,
)
from services.surveys import ANSWER_FIELDS
from services.validators import (
    MAX_ATTACHMENTS_PER_REQUEST,
    normalize_uscc,
    sniff_attachment,
    validate_phone,
    validate_uscc,
)

# Fields that belong to one type, and which of them that type requires.
TYPE_FIELDS = {
    RequestType.DEMAND: (["expected_by"], []),
    RequestType.ASSISTANCE: (
        ["product_name", "product_model", "nonconforming_items", "problem_source", "report_number"],
        ["product_name", "nonconforming_items", "problem_source"],
    ),
    RequestType.COMPLAINT: (
        ["complaint_subject", "occurred_on", "desired_outcome"],
        ["complaint_subject"],
    ),
    RequestType.BOOKING: (
        ["equipment", "equipment_name", "preferred_start", "preferred_end", "sample_description"],
        ["equipment_name", "preferred_start"],
    ),
    RequestType.CONSULTATION: ([], []),
}
ENTERPRISE_FORM_FIELDS = [
    "enterprise_name",
    "credit_code",
    "district",
    "industry",
    "size",
]
CONTACT_FIELDS = ["contact_name", "contact_phone", "contact_email"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def clean_attachment_list(files, already=0):
    """Content-sniffed type, size and count; raises one ValidationError listing every problem."""
    errors = []
    if already + len(files) > MAX_ATTACHMENTS_PER_REQUEST:
        errors.append(
            forms.ValidationError(_("At most 5 attachments per request."), code="too_many_files")
        )
    for uploaded in files:
        try:
            sniff_attachment(uploaded)
        except forms.ValidationError as error:
            errors.append(error)
    if errors:
        raise forms.ValidationError(errors)
    return files


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class RequestForm(forms.ModelForm):
    request_type = forms.ChoiceField(
        label=_("What do you need?"),
        choices=RequestType.choices,
        widget=forms.RadioSelect,
    )
    enterprise_name = forms.CharField(label=_("Enterprise name"), max_length=200)
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=18,
        min_length=18,
        help_text=_("18 characters, as printed on the business licence."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    district = forms.ChoiceField(
        label=_("District"), choices=[("", "---------"), *District.choices], required=False
    )
    industry = forms.ChoiceField(
        label=_("Industry"), choices=[("", "---------"), *Industry.choices], required=False
    )
    size = forms.ChoiceField(
        label=_("Enterprise size"),
        choices=[("", "---------"), *EnterpriseSize.choices],
        required=False,
    )
    service = ServiceChoiceField(
        label=_("Service item"),
        queryset=ServicePage.objects.none(),
        required=False,
    )
    equipment = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, JPG, PNG, DOCX or XLSX; at most 5 files of 10 MB each."),
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    # Honeypot: hidden from people, filled by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ServiceRequest
        # The instrument id is resolved in clean(); the form takes it as `equipment`.
        fields = [name for name in REQUEST_FIELDS if name != "equipment_ref"]
        labels = {
            "title": _("Subject"),
            "description": _("Describe your need"),
            "qi_element": _("Area"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "nonconforming_items": forms.Textarea(attrs={"rows": 3}),
            "desired_outcome": forms.Textarea(attrs={"rows": 3}),
            "sample_description": forms.Textarea(attrs={"rows": 3}),
            "expected_by": forms.DateInput(attrs={"type": "date"}),
            "occurred_on": forms.DateInput(attrs={"type": "date"}),
            "preferred_start": forms.DateInput(attrs={"type": "date"}),
            "preferred_end": forms.DateInput(attrs={"type": "date"}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        help_texts = {
            "contact_email": _("We send the request number and the tracking link here."),
            "report_number": _("The number on the inspection report, if there is one."),
        }

    # The order of the page, so the error summary lists fields as they appear.
    field_order = [
        "request_type",
        "service",
        "title",
        "description",
        *[name for names, _required in TYPE_FIELDS.values() for name in names],
        "attachments",
        *ENTERPRISE_FORM_FIELDS,
        *CONTACT_FIELDS,
    ]

    def __init__(self, *args, acting_enterprise=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.acting_enterprise = acting_enterprise
        self.fields["service"].queryset = ServicePage.objects.live().order_by("title")
        self.fields["contact_phone"].validators.append(validate_phone)
        for name in TYPE_FIELDS[RequestType.BOOKING][0] + TYPE_FIELDS[RequestType.ASSISTANCE][0]:
            self.fields[name].required = False
        if acting_enterprise is not None:
            # A linked account submits for its own enterprise only.
            for name in ENTERPRISE_FORM_FIELDS:
                del self.fields[name]
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = uuid.uuid4()

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        # Point each invalid input at its message for screen readers.
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                widget = self.fields[name].widget
                described = [f"{bound.auto_id}_error"]
                if self.fields[name].help_text:
                    described.append(f"{bound.auto_id}_helptext")
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = " ".join(described)

    def clean_credit_code(self):
        code = normalize_uscc(self.cleaned_data["credit_code"])
        validate_uscc(code)
        return code

    def clean_contact_phone(self):
        return self.cleaned_data["contact_phone"].replace(" ", "")

    def clean_attachments(self):
        return clean_attachment_list(self.cleaned_data.get("attachments") or [])

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."), code="honeypot")
        return ""

    def clean(self):
        cleaned = super().clean()
        request_type = cleaned.get("request_type")
        if request_type not in TYPE_FIELDS:
            return cleaned
        own, required = TYPE_FIELDS[request_type]
        for name in required:
            if cleaned.get(name) in (None, "") and name not in self.errors:
                self.add_error(
                    name, forms.ValidationError(_("This field is required."), code="required")
                )
        # Fields of other types are not kept, so the queue sees only what applies.
        for other_type, (fields, _required) in TYPE_FIELDS.items():
            if other_type != request_type:
                for name in fields:
                    if name not in own and name in cleaned:
                        cleaned[name] = (
                            None
                            if name
                            in {
                                "expected_by",
                                "occurred_on",
                                "preferred_start",
                                "preferred_end",
                                "equipment",
                            }
                            else ""
                        )
        if request_type == RequestType.BOOKING:
            self._clean_booking(cleaned)
        today = timezone.localdate()
        if cleaned.get("occurred_on") and cleaned["occurred_on"] > today:
            self.add_error("occurred_on", _("The date cannot be in the future."))
        if cleaned.get("expected_by") and cleaned["expected_by"] < today:
            self.add_error("expected_by", _("The date cannot be in the past."))
        service = cleaned.get("service")
        if service is not None and not cleaned.get("qi_element"):
            cleaned["qi_element"] = service.qi_element
        return cleaned

    def _clean_booking(self, cleaned):
        today = timezone.localdate()
        equipment_id = cleaned.get("equipment")
        cleaned["equipment_ref"] = None
        if equipment_id:
            equipment = get_bookable_equipment(equipment_id)
            if equipment is None:
                self.add_error(
                    "equipment_name",
                    _(
                        "This instrument cannot be booked now. "
                        "Choose another one from the equipment list."
                    ),
                )
            else:
                cleaned["equipment_ref"] = equipment.pk
                cleaned["equipment_name"] = str(equipment)[:200]
                if "equipment_name" in self.errors:
                    del self.errors["equipment_name"]
        start, end = cleaned.get("preferred_start"), cleaned.get("preferred_end")
        if start and start < today:
            self.add_error("preferred_start", _("The date cannot be in the past."))
        if start and end and end < start:
            self.add_error("preferred_end", _("The end date cannot be before the start date."))

    def grouped_type_fields(self):
        """Per type: its label and (bound field, required) pairs, for the template."""
        groups = []
        for request_type, (names, required) in TYPE_FIELDS.items():
            fields = [
                (self[name], name in required)
                for name in names
                if name in self.fields and name != "equipment"
            ]
            if fields:
                groups.append(
                    {"type": request_type.value, "label": request_type.label, "fields": fields}
                )
        return groups

    def enterprise_fields(self):
        return [self[name] for name in ENTERPRISE_FORM_FIELDS if name in self.fields]

    def contact_fields(self):
        return [self[name] for name in CONTACT_FIELDS]

    def request_data(self):
        """cleaned_data with what create_request() needs."""
        data = dict(self.cleaned_data)
        data.setdefault("equipment_ref", None)
        return data


class StaffRequestForm(RequestForm):
    """003 7.2.1.2: a specialist registers a request that came by another channel."""

    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[(c.value, c.label) for c in STAFF_CHANNELS],
        initial=Channel.PHONE,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["website"]


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Request number"), max_length=32)
    token = forms.CharField(
        label=_("Tracking code"),
        max_length=100,
        help_text=_("The code in the tracking link you received."),
    )


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, JPG, PNG, DOCX or XLSX; at most 5 files of 10 MB each."),
    )

    def __init__(self, *args, existing_attachments=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_attachments = existing_attachments

    def clean_attachments(self):
        return clean_attachment_list(
            self.cleaned_data.get("attachments") or [], already=self.existing_attachments
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("message") and not cleaned.get("attachments") and not self.errors:
            raise forms.ValidationError(_("Write a message or choose a file."), code="empty")
        return cleaned


class SurveyForm(forms.ModelForm):
    """001 Annex E, then 004 Annex C, in the standards' order; only "overall" is required."""

    # (heading, fields) in the order the questionnaires ask them.
    SECTIONS = [
        (
            _("Effect of the service"),
            [
                "products",
                "improvement_effect",
                "improved_areas",
                "overall",
                "satisfied_aspects",
                "other_text",
            ],
        ),
        (
            _("Your evaluation of the service team"),
            ["main_content", "main_results", "attitude", "competence", "effect"],
        ),
        (_("Opinions and suggestions"), ["suggestions", "respondent_name", "respondent_phone"]),
    ]
    RADIO_FIELDS = ["improvement_effect", "overall", "attitude", "competence", "effect"]

    class Meta:
        model = SatisfactionSurvey
        fields = ANSWER_FIELDS
        widgets = {
            "main_content": forms.Textarea(attrs={"rows": 3}),
            "main_results": forms.Textarea(attrs={"rows": 3}),
            "suggestions": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"suggestions": _("Do you have any other opinions or suggestions?")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.RADIO_FIELDS:
            field = self.fields[name]
            # A radio group needs no "---------" choice: leaving it unticked means no answer.
            field.choices = [choice for choice in field.choices if choice[0]]
            field.widget = forms.RadioSelect(choices=field.choices)
        overall = self.fields["overall"]
        overall.required = True
        overall.error_messages["required"] = _(
            "Please choose how satisfied you are with the service overall."
        )
        self.fields["other_text"].help_text = _("Only if you ticked “Other” above.")
        self.fields["respondent_phone"].widget.attrs.update(
            {"inputmode": "tel", "autocomplete": "tel"}
        )
        self.fields["respondent_name"].widget.attrs["autocomplete"] = "name"

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        # Text inputs point at their message; radio and checkbox groups do so on the fieldset.
        for name in self.errors:
            widget = self.fields[name].widget if name in self.fields else None
            if widget is None or isinstance(
                widget, forms.RadioSelect | forms.CheckboxSelectMultiple
            ):
                continue
            described = [f"{self[name].auto_id}_error"]
            if self.fields[name].help_text:
                described.append(f"{self[name].auto_id}_helptext")
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = " ".join(described)

    def clean(self):
        cleaned = super().clean()
        chose_other = "other" in (cleaned.get("improved_areas") or []) or "other" in (
            cleaned.get("satisfied_aspects") or []
        )
        if chose_other and not cleaned.get("other_text", "").strip():
            self.add_error(
                "other_text", _("You ticked “Other”: please tell us briefly what you mean.")
            )
        return cleaned

    def sections(self):
        return [(heading, [self[name] for name in names]) for heading, names in self.SECTIONS]


class SatisfactionFilterForm(forms.Form):
    """The report's filters: answered between two dates, and the kind of survey."""

    answered_from = forms.DateField(
        label=_("Answered from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    answered_to = forms.DateField(
        label=_("Answered until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All surveys")), *SatisfactionSurvey.Kind.choices],
    )

    def filter(self, queryset):
        """Surveys answered in the range, plus those still unanswered sent in it (for the rate)."""
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        answered = Q(answered_at__isnull=False)
        unanswered = Q(answered_at__isnull=True)
        if data["answered_from"]:
            answered &= Q(answered_at__date__gte=data["answered_from"])
            unanswered &= Q(created_at__date__gte=data["answered_from"])
        if data["answered_to"]:
            answered &= Q(answered_at__date__lte=data["answered_to"])
            unanswered &= Q(created_at__date__lte=data["answered_to"])
        return queryset.filter(answered | unanswered)
