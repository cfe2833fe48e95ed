"""What the resource pool contributes to the public search (see search.registry)."""

from django.utils.translation import gettext_lazy as _

from resources.models import Expert, Institution
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
