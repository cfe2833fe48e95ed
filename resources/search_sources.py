"""What the resource pool contributes to the public search (see search.registry)."""

from django.utils.translation import gettext_lazy as _

from resources.models import (
    CasePage,
    Equipment,
    Expert,
    Institution,
    KnowledgeEntryPage,
    KnowledgeStagePage,
    ResourcePage,
)
from search.registry import register

register(
    Institution,
    kind="institution",
    label=_("Institution"),
    title="name",
    body=["short_name", "get_kind_display", "qualification_labels", "description", "address"],
    keywords=["short_name"],
    qi_elements="qi_elements",
    districts="district",
    fallback_url=lambda institution: f"/institutions/{institution.slug}/",
)
register(
    Expert,
    kind="expert",
    label=_("Expert"),
    title="name",
    # 003 6.4: only the public profile; phone and email stay out of the index.
    body=["title", "specialties", "bio", "institution.name"],
    keywords=["specialties"],
    qi_elements="domains",
    industries="industries",
    districts="institution.district",
    queryset=lambda: Expert.objects.filter(is_active=True).select_related("institution"),
    fallback_url=lambda expert: f"/experts/{expert.pk}/",
    boost=0.9,
)
register(
    CasePage,
    kind="case",
    label=_("Case"),
    body=[
        "enterprise_profile",
        "diagnosis",
        "assistance",
        "follow_up",
        "expert_advice",
        "enterprise_actions",
        "industry_problems",
    ],
    keywords=["enterprise_name"],
    qi_elements="qi_elements",
    districts="district",
    industries="industry",
    published_at="case_date",
)
register(
    Equipment,
    kind="equipment",
    label=_("Instrument"),
    title="name",
    body=["model_number", "get_category_display", "capabilities", "institution.name", "location"],
    keywords=["name", "model_number"],
    qi_elements="qi_element",
    districts="district",
    queryset=lambda: Equipment.objects.public().select_related("institution"),
)
register(
    ResourcePage,
    kind="resource",
    label=_("Open resource"),
    body=["summary", "issuer", "document_number", "body"],
    keywords=["standard_number", "document_number"],
    published_at="date",
)
register(
    KnowledgeStagePage,
    kind="knowledge",
    label=_("Knowledge base"),
    body=["intro", "control_requirements"],
)
register(
    KnowledgeEntryPage,
    kind="knowledge",
    label=_("Knowledge base"),
    body=["problem", "control_requirement", "source"],
)
