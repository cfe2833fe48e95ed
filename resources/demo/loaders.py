"""Loaders for the case library, shared instruments, open resources and knowledge base.

Each is idempotent: pages are upserted by slug, instruments by (institution, name, model).
"""

import datetime
from decimal import Decimal

from portal.demo import upsert_page
from resources.models import (
    CaseIndexPage,
    CasePage,
    Equipment,
    KnowledgeEntryPage,
    KnowledgeIndexPage,
    KnowledgeStagePage,
    ResourceIndexPage,
    ResourcePage,
    portal_today,
)

from . import cases as case_data
from . import equipment as equipment_data
from . import knowledge as knowledge_data
from . import library as library_data


def load_cases(home):
    from services.models import ServicePage

    index = upsert_page(
        home,
        CaseIndexPage,
        "cases",
        title=case_data.CASE_INDEX["title"],
        intro=case_data.CASE_INDEX["intro"],
    )
    for item in case_data.CASES:
        services = list(ServicePage.objects.filter(slug__in=item["services"]))
        upsert_page(
            index,
            CasePage,
            item["slug"],
            title=item["title"],
            enterprise_name=item["enterprise_name"],
            enterprise_profile=item["profile"],
            case_date=datetime.date.fromisoformat(item["date"]),
            industry=item["industry"],
            qi_elements=list(item["qi_elements"]),
            district=item["district"],
            services=services,
            diagnosis=item["diagnosis"],
            assistance=item["assistance"],
            follow_up=item["follow_up"],
            expert_advice=item["expert_advice"],
            enterprise_actions=item["enterprise_actions"],
            management_benefit=item["management_benefit"],
            economic_benefit=item["economic_benefit"],
            social_benefit=item["social_benefit"],
            industry_problems=item["industry_problems"],
            is_sample=True,
        )
    return index


def load_equipment(owners):
    """Create or update the sample instruments; `owners` maps institution slugs (the directory)."""
    today = portal_today()
    for (
        name,
        model_number,
        category,
        qi_element,
        owner,
        location,
        district,
        capabilities,
        modes,
        fee,
        unit,
        status,
        valid_days,
        featured,
    ) in equipment_data.INSTRUMENTS:
        Equipment.objects.update_or_create(
            institution=owners[owner],
            name=name,
            model_number=model_number,
            defaults={
                "category": category,
                "qi_element": qi_element,
                "location": location,
                "district": district,
                "capabilities": capabilities,
                "sharing_modes": list(modes),
                "fee_amount": Decimal(fee),
                "fee_unit": unit,
                "fee_note": equipment_data.FEE_NOTES[unit],
                "open_hours": equipment_data.OPEN_HOURS,
                "status": status,
                "calibration_valid_until": today + datetime.timedelta(days=valid_days),
                "contact": equipment_data.CONTACT,
                "is_featured": featured,
                "is_sample": True,
            },
        )


def _resource_body(item):
    blocks = [("paragraph", f"<p>{text}</p>") for text in item.get("paragraphs", [])]
    blocks += [
        ("key_point", {"title": title, "text": text}) for title, text in item.get("key_points", [])
    ]
    return blocks


def load_library(home):
    index = upsert_page(
        home,
        ResourceIndexPage,
        "resources",
        title=library_data.RESOURCE_INDEX["title"],
        intro=library_data.RESOURCE_INDEX["intro"],
    )
    for item in library_data.RESOURCES:
        implementation = item.get("implementation_date")
        upsert_page(
            index,
            ResourcePage,
            item["slug"],
            title=item["title"],
            category=item["category"],
            date=datetime.date.fromisoformat(item["date"]),
            summary=item["summary"],
            issuer=item.get("issuer", ""),
            document_number=item.get("document_number", ""),
            standard_number=item.get("standard_number", ""),
            standard_status=item.get("standard_status", ""),
            implementation_date=(
                datetime.date.fromisoformat(implementation) if implementation else None
            ),
            body=_resource_body(item),
            is_sample=item["category"] in {"news", "science"},
        )
    return index


def load_knowledge(home):
    index = upsert_page(
        home,
        KnowledgeIndexPage,
        "knowledge",
        title=knowledge_data.KNOWLEDGE_INDEX["title"],
        intro=knowledge_data.KNOWLEDGE_INDEX["intro"],
        source=knowledge_data.KNOWLEDGE_INDEX["source"],
    )
    for stage_data in knowledge_data.STAGES:
        stage = upsert_page(
            index,
            KnowledgeStagePage,
            stage_data["slug"],
            title=stage_data["title"],
            stage=stage_data["stage"],
            clause=stage_data["clause"],
            intro=stage_data["intro"],
            control_requirements="\n\n".join(stage_data["control"]),
        )
        for slug, title, clause, factors, problem, control in stage_data["entries"]:
            upsert_page(
                stage,
                KnowledgeEntryPage,
                slug,
                title=title,
                clause=clause,
                factors=list(factors),
                problem=problem,
                control_requirement=control,
                source=knowledge_data.SOURCE,
            )
    return index
