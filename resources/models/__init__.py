from .directory import Expert, Institution, InstitutionKind, Qualification

__all__ = ["Expert", "Institution", "InstitutionKind", "Qualification"]
