"""Public pages of the equipment list and the expert and institution directories."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from portal.choices import District, QIElement
from portal.fields import has_choice
from resources.listing import ListFilter, filter_and_paginate
from resources.models import (
    Equipment,
    EquipmentCategory,
    Expert,
    Institution,
    InstitutionKind,
    Qualification,
    SharingMode,
)

BOOKABLE_NOW = "yes"


def _institutions_with_equipment():
    return (
        Institution.objects.filter(equipment__isnull=False)
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )


def equipment_filters():
    """The filters of `/equipment/`; the API applies the same rules."""
    return [
        ListFilter(
            "category",
            _("Category"),
            EquipmentCategory.choices,
            lambda qs, value: qs.filter(category=value),
        ),
        ListFilter(
            "institution",
            _("Institution"),
            _institutions_with_equipment,
            lambda qs, value: qs.filter(institution__slug=value),
        ),
        ListFilter(
            "district",
            _("District"),
            District.choices,
            lambda qs, value: qs.filter(district=value),
        ),
        ListFilter(
            "sharing_mode",
            _("Sharing mode"),
            SharingMode.choices,
            lambda qs, value: qs.filter(has_choice("sharing_modes", value)),
        ),
        ListFilter(
            "bookable",
            _("Availability"),
            [(BOOKABLE_NOW, _("Bookable now"))],
            lambda qs, value: qs.bookable(),
        ),
    ]


def equipment_list(request):
    instruments = Equipment.objects.public().select_related("institution").order_by("name", "pk")
    listing = filter_and_paginate(request, instruments, equipment_filters())
    return render(request, "resources/equipment_list.html", {"listing": listing})


def equipment_detail(request, pk):
    instrument = get_object_or_404(
        Equipment.objects.public().select_related("institution", "photo"), pk=pk
    )
    return render(request, "resources/equipment_detail.html", {"instrument": instrument})


def expert_filters():
    return [
        ListFilter(
            "domain",
            _("QI domain"),
            QIElement.choices,
            lambda qs, value: qs.filter(has_choice("domains", value)),
        ),
        ListFilter(
            "institution",
            _("Institution"),
            lambda: (
                Institution.objects.filter(experts__is_active=True)
                .distinct()
                .order_by("name")
                .values_list("slug", "name")
            ),
            lambda qs, value: qs.filter(institution__slug=value),
        ),
    ]


def public_experts():
    # 003 6.4: only public fields leave the database for the public pages.
    return (
        Expert.objects.filter(is_active=True)
        .select_related("institution")
        .defer("phone", "email")
        .order_by("name", "pk")
    )


def expert_list(request):
    listing = filter_and_paginate(request, public_experts(), expert_filters())
    return render(request, "resources/expert_list.html", {"listing": listing})


def expert_detail(request, pk):
    expert = get_object_or_404(public_experts(), pk=pk)
    return render(request, "resources/expert_detail.html", {"expert": expert})


def institution_filters():
    return [
        ListFilter(
            "qi_element",
            _("QI element served"),
            QIElement.choices,
            lambda qs, value: qs.filter(has_choice("qi_elements", value)),
        ),
        ListFilter(
            "qualification",
            _("Qualification"),
            Qualification.choices,
            lambda qs, value: qs.filter(has_choice("qualifications", value)),
        ),
        ListFilter(
            "kind",
            _("Kind"),
            InstitutionKind.choices,
            lambda qs, value: qs.filter(kind=value),
        ),
        ListFilter(
            "district",
            _("District"),
            District.choices,
            lambda qs, value: qs.filter(district=value),
        ),
    ]


def institution_list(request):
    institutions = Institution.objects.order_by("name")
    listing = filter_and_paginate(request, institutions, institution_filters())
    return render(request, "resources/institution_list.html", {"listing": listing})


def institution_detail(request, slug):
    from services.models import ServicePage

    institution = get_object_or_404(
        Institution.objects.prefetch_related(
            Prefetch(
                "services",
                queryset=ServicePage.objects.live().order_by("title"),
                to_attr="live_services",
            ),
            Prefetch(
                "equipment",
                queryset=Equipment.objects.public().order_by("name"),
                to_attr="public_equipment",
            ),
            Prefetch(
                "experts",
                queryset=Expert.objects.filter(is_active=True).defer("phone", "email"),
                to_attr="active_experts",
            ),
        ),
        slug=slug,
    )
    return render(request, "resources/institution_detail.html", {"institution": institution})
