"""Read-only endpoints for cases, shared instruments, open resources and the directories.

Filters take the same values as the public list pages; an unknown value matches nothing.
"""

import datetime
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import paginate

from django.shortcuts import get_object_or_404

from portal.api import LimitOffset
from resources.models import (
    CaseIndexPage,
    CasePage,
    Equipment,
    Institution,
    KnowledgeEntryPage,
    KnowledgeIndexPage,
    ResourceIndexPage,
    ResourcePage,
)
from resources.views.public import (
    equipment_filters,
    expert_filters,
    institution_filters,
    public_experts,
)

router = Router()


def apply_filters(queryset, filters, values):
    """Narrow `queryset` by each non-empty value in `values`; unknown values give no rows."""
    for list_filter in filters:
        raw = values.get(list_filter.name) or ""
        if not raw:
            continue
        bound = list_filter.bind(raw)
        if not bound.value:
            return queryset.none()
        queryset = bound.apply(queryset, bound.value)
    return queryset


# Cases


class CaseOut(Schema):
    id: int
    title: str
    slug: str
    enterprise_name: str
    enterprise_profile: str
    case_date: datetime.date
    industry: str
    industry_label: str
    qi_elements: list[str]
    district: str
    district_label: str
    services: list[str]
    url: str
    is_sample: bool

    @staticmethod
    def resolve_industry_label(obj):
        return str(obj.get_industry_display())

    @staticmethod
    def resolve_district_label(obj):
        return str(obj.get_district_display())

    @staticmethod
    def resolve_services(obj):
        return [service.slug for service in obj.services.all()]

    @staticmethod
    def resolve_url(obj):
        return obj.url or ""


class CaseDetailOut(CaseOut):
    diagnosis: str
    assistance: str
    follow_up: str
    expert_advice: str
    enterprise_actions: str
    management_benefit: str
    economic_benefit: str
    social_benefit: str
    industry_problems: str


def _cases():
    return CasePage.objects.live().order_by("-case_date", "-pk").prefetch_related("services")


@router.get("cases/", response=list[CaseOut], tags=["cases"], summary="List cases")
@paginate(LimitOffset)
def list_cases(
    request, industry: str = "", qi_element: str = "", district: str = "", service: str = ""
):
    values = {
        "industry": industry,
        "qi_element": qi_element,
        "district": district,
        "service": service,
    }
    return apply_filters(_cases(), CaseIndexPage().case_filters(), values)


@router.get("cases/{case_id}", response=CaseDetailOut, tags=["cases"], summary="One case")
def get_case(request, case_id: int):
    return get_object_or_404(_cases(), pk=case_id)


# Shared instruments


class InstitutionRef(Schema):
    slug: str
    name: str


class EquipmentOut(Schema):
    id: int
    name: str
    model_number: str
    category: str
    category_label: str
    qi_element: str
    institution: InstitutionRef
    location: str
    district: str
    sharing_modes: list[str]
    fee_amount: Decimal
    fee_unit: str
    status: str
    calibration_valid_until: datetime.date
    calibration_expired: bool
    is_bookable: bool
    url: str
    booking_url: str | None

    @staticmethod
    def resolve_category_label(obj):
        return str(obj.get_category_display())

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()

    @staticmethod
    def resolve_booking_url(obj):
        return obj.booking_url if obj.is_bookable else None


class EquipmentDetailOut(EquipmentOut):
    capabilities: str
    fee_note: str
    open_hours: str
    contact: str


def _equipment():
    return Equipment.objects.public().select_related("institution").order_by("name", "pk")


@router.get(
    "equipment/", response=list[EquipmentOut], tags=["equipment"], summary="List instruments"
)
@paginate(LimitOffset)
def list_equipment(
    request,
    category: str = "",
    institution: str = "",
    district: str = "",
    sharing_mode: str = "",
    bookable: str = "",
):
    values = {
        "category": category,
        "institution": institution,
        "district": district,
        "sharing_mode": sharing_mode,
        "bookable": bookable,
    }
    return apply_filters(_equipment(), equipment_filters(), values)


@router.get(
    "equipment/{equipment_id}",
    response=EquipmentDetailOut,
    tags=["equipment"],
    summary="One instrument",
)
def get_equipment(request, equipment_id: int):
    return get_object_or_404(_equipment(), pk=equipment_id)


# Open resources


class ResourceOut(Schema):
    id: int
    title: str
    category: str
    category_label: str
    date: datetime.date
    summary: str
    issuer: str
    document_number: str
    standard_number: str
    standard_status: str
    implementation_date: datetime.date | None
    url: str

    @staticmethod
    def resolve_category_label(obj):
        return str(obj.get_category_display())

    @staticmethod
    def resolve_url(obj):
        return obj.url or ""


def _resources():
    return ResourcePage.objects.live().order_by("-date", "-pk")


@router.get(
    "resources/", response=list[ResourceOut], tags=["resources"], summary="List open resources"
)
@paginate(LimitOffset)
def list_resources(request, category: str = "", standard_status: str = ""):
    values = {"category": category, "standard_status": standard_status}
    return apply_filters(_resources(), ResourceIndexPage().resource_filters(), values)


@router.get(
    "resources/{resource_id}", response=ResourceOut, tags=["resources"], summary="One resource"
)
def get_resource(request, resource_id: int):
    return get_object_or_404(_resources(), pk=resource_id)


# Knowledge base (001 Annex C): cause analyses can point at these entries


class KnowledgeEntryOut(Schema):
    id: int
    title: str
    clause: str
    stage: str
    stage_label: str
    factors: list[str]
    problem: str
    control_requirement: str
    url: str

    @staticmethod
    def resolve_stage_label(obj):
        return str(obj.get_stage_display())

    @staticmethod
    def resolve_url(obj):
        return obj.url or ""


@router.get(
    "knowledge/",
    response=list[KnowledgeEntryOut],
    tags=["knowledge"],
    summary="List common quality problems",
)
@paginate(LimitOffset)
def list_knowledge(request, stage: str = "", factor: str = ""):
    entries = KnowledgeEntryPage.objects.live().order_by("path")
    return apply_filters(
        entries, KnowledgeIndexPage().entry_filters(), {"stage": stage, "factor": factor}
    )


# Directories (public fields only: 003 6.4)


class ExpertOut(Schema):
    id: int
    name: str
    title: str
    institution: InstitutionRef | None
    domains: list[str]
    specialties: str
    bio: str
    url: str

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class InstitutionOut(Schema):
    slug: str
    name: str
    kind: str
    qi_elements: list[str]
    qualifications: list[str]
    district: str
    address: str
    phone: str
    email: str
    website: str
    url: str

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


@router.get("experts/", response=list[ExpertOut], tags=["directories"], summary="List experts")
@paginate(LimitOffset)
def list_experts(request, domain: str = "", institution: str = ""):
    values = {"domain": domain, "institution": institution}
    return apply_filters(public_experts(), expert_filters(), values)


@router.get(
    "institutions/",
    response=list[InstitutionOut],
    tags=["directories"],
    summary="List institutions",
)
@paginate(LimitOffset)
def list_institutions(
    request, qi_element: str = "", qualification: str = "", kind: str = "", district: str = ""
):
    values = {
        "qi_element": qi_element,
        "qualification": qualification,
        "kind": kind,
        "district": district,
    }
    return apply_filters(Institution.objects.order_by("name"), institution_filters(), values)


@router.get(
    "institutions/{slug}",
    response=InstitutionOut,
    tags=["directories"],
    summary="One institution",
)
def get_institution(request, slug: str):
    return get_object_or_404(Institution, slug=slug)
