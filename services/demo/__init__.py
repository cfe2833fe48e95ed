"""Demo service catalogue: 003 Annex A, 004 ch. 4 and the quality-butler menu of 000 ch. 5."""

from portal.demo import stream, upsert_page
from services.models import ServiceGuidePage, ServiceIndexPage, ServicePage, ServiceSectionPage

from .catalogue import CATALOGUE_INDEX, SECTIONS, SERVICE_GUIDE
from .requests import load_requests  # noqa: F401


def _steps(steps):
    return stream(
        "step",
        [
            {"title": title, "description": description, "time_limit": limit}
            for title, description, limit in steps
        ],
    )


def _materials(materials):
    return stream(
        "material",
        [{"name": name, "note": note, "required": required} for name, note, required in materials],
    )


def load_catalogue(home, institutions):
    """Build /services/ with one section per QI element; `institutions` maps slug to Institution."""
    index = upsert_page(
        home,
        ServiceIndexPage,
        "services",
        title=CATALOGUE_INDEX["title"],
        intro=CATALOGUE_INDEX["intro"],
    )
    upsert_page(
        index,
        ServiceGuidePage,
        SERVICE_GUIDE["slug"],
        title=SERVICE_GUIDE["title"],
        intro=SERVICE_GUIDE["intro"],
        process_steps=_steps(SERVICE_GUIDE["steps"]),
        body=stream("paragraph", SERVICE_GUIDE["paragraphs"]),
    )
    for section_data in SECTIONS:
        section = upsert_page(
            index,
            ServiceSectionPage,
            section_data["slug"],
            title=section_data["title"],
            qi_element=section_data["qi_element"],
            intro=section_data["intro"],
        )
        for item in section_data["services"]:
            upsert_page(
                section,
                ServicePage,
                item["slug"],
                title=item["title"],
                summary=item["summary"],
                audience=item["audience"],
                delivery_modes=list(item["delivery_modes"]),
                process_steps=_steps(item["steps"]),
                materials=_materials(item.get("materials", [])),
                time_limit=item["time_limit"],
                time_limit_days=item.get("time_limit_days"),
                fees=item["fees"],
                institutions=[institutions[slug] for slug in item.get("institutions", [])],
                contact=item["contact"],
                source=item.get("source", ""),
                body=stream("paragraph", item.get("paragraphs", [])),
            )
    return index
