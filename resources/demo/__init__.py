"""Demo expert pool and institution pool (003 8.2). All records are fictional and marked as samples."""

from resources.models import Expert, Institution

from .directory import EXPERTS, INSTITUTIONS


def load_directory():
    """Create or update the sample institutions and experts; return institutions by slug."""
    institutions = {}
    for data in INSTITUTIONS:
        fields = {key: value for key, value in data.items() if key != "slug"}
        institution, _ = Institution.objects.update_or_create(
            slug=data["slug"], defaults={**fields, "is_sample": True}
        )
        institutions[institution.slug] = institution
    for data in EXPERTS:
        fields = {key: value for key, value in data.items() if key not in {"name", "institution"}}
        Expert.objects.update_or_create(
            name=data["name"],
            is_sample=True,
            defaults={**fields, "institution": institutions.get(data.get("institution"))},
        )
    return institutions
