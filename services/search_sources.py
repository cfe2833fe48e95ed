"""What the service catalogue contributes to the public search (see search.registry)."""

from django.utils.translation import gettext_lazy as _

from search.registry import register
from services.models import ServiceGuidePage, ServicePage, ServiceSectionPage

register(
    ServicePage,
    kind="service",
    label=_("Service"),
    body=["summary", "audience", "process_steps", "materials", "time_limit", "fees", "body"],
    qi_elements="qi_element",
    boost=1.2,
)
register(
    ServiceSectionPage,
    kind="section",
    label=_("Service category"),
    body=["intro", "body"],
    qi_elements="qi_element",
    boost=1.1,
)
register(
    ServiceGuidePage,
    kind="guide",
    label=_("Service guide"),
    body=["intro", "process_steps", "body"],
)
