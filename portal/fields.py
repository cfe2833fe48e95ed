"""A list-of-choices model field that works the same on SQLite and PostgreSQL."""

from django import forms
from django.db import models
from django.db.models import Q


class ChoiceListField(models.JSONField):
    """Stores several values of one choice set as a JSON list; edited as checkboxes.

    Filter with `has_choice("field", value)`; the JSON text holds each value in quotes, so the
    match is exact on every database backend.
    """

    def __init__(self, *args, choice_set=None, **kwargs):
        self.choice_set = choice_set
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("choice_set", None)
        if kwargs.get("default") is list:
            kwargs.pop("default")
        if kwargs.get("blank") is True:
            kwargs.pop("blank")
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.choice_set.choices if self.choice_set else [],
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if self.choice_set is not None:
            allowed = set(self.choice_set.values)
            unknown = [item for item in value or [] if item not in allowed]
            if unknown:
                raise forms.ValidationError(
                    "%(values)s", params={"values": ", ".join(map(str, unknown))}, code="invalid"
                )

    def labels(self, values):
        mapping = dict(self.choice_set.choices) if self.choice_set else {}
        return [mapping.get(value, value) for value in values or []]


def has_choice(field_name, value):
    return Q(**{f"{field_name}__icontains": f'"{value}"'}) if value else Q()
