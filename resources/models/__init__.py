from .cases import CaseIndexPage, CasePage
from .directory import Expert, Institution, InstitutionKind, Qualification
from .equipment import (
    Equipment,
    EquipmentCategory,
    EquipmentStatus,
    FeeUnit,
    SharingMode,
    portal_today,
)
from .knowledge import (
    CauseFactor,
    KnowledgeEntryPage,
    KnowledgeIndexPage,
    KnowledgeStagePage,
    RealisationStage,
)
from .library import ResourceCategory, ResourceIndexPage, ResourcePage, StandardStatus

__all__ = [
    "CaseIndexPage",
    "CasePage",
    "CauseFactor",
    "Equipment",
    "EquipmentCategory",
    "EquipmentStatus",
    "Expert",
    "FeeUnit",
    "Institution",
    "InstitutionKind",
    "KnowledgeEntryPage",
    "KnowledgeIndexPage",
    "KnowledgeStagePage",
    "Qualification",
    "RealisationStage",
    "ResourceCategory",
    "ResourceIndexPage",
    "ResourcePage",
    "SharingMode",
    "StandardStatus",
    "portal_today",
]
