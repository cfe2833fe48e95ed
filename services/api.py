"""Read-only catalogue endpoints: `/api/services/`."""

from ninja import Router, Schema
from ninja.pagination import paginate

from django.shortcuts import get_object_or_404

from portal.api import LimitOffset
from portal.choices import QIElement
from services.models import ServicePage

router = Router(tags=["services"])


class ServiceOut(Schema):
    id: int
    slug: str
    title: str
    qi_element: str
    qi_element_label: str
    summary: str
    delivery_modes: list[str]
    time_limit: str
    url: str
    apply_url: str

    @staticmethod
    def resolve_qi_element_label(obj):
        return str(obj.get_qi_element_display())

    @staticmethod
    def resolve_url(obj):
        return obj.url or ""


class ServiceDetailOut(ServiceOut):
    audience: str
    fees: str
    contact: str
    source: str
    institutions: list[str]

    @staticmethod
    def resolve_institutions(obj):
        return [institution.name for institution in obj.institutions.all()]


@router.get("", response=list[ServiceOut], summary="List services")
@paginate(LimitOffset)
def list_services(request, qi_element: str = ""):
    services = ServicePage.objects.live().order_by("path")
    if qi_element:
        # An unknown element matches nothing rather than failing.
        services = (
            services.filter(qi_element=qi_element)
            if qi_element in QIElement.values
            else services.none()
        )
    return services


@router.get("/{slug}", response=ServiceDetailOut, summary="One service")
def get_service(request, slug: str):
    return get_object_or_404(ServicePage.objects.live().prefetch_related("institutions"), slug=slug)
