"""Vocabularies every app shares: QI elements, districts, industries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QIElement(models.TextChoices):
    """The QI elements of the catalogue (003 ch. 5 and Annex A; 004 ch. 4)."""

    METROLOGY = "metrology", _("Metrology")
    STANDARDIZATION = "standardization", _("Standardization")
    CERTIFICATION = "certification", _("Certification and accreditation")
    TESTING = "testing", _("Inspection and testing")
    QUALITY_MANAGEMENT = "quality", _("Quality management")
    INTELLECTUAL_PROPERTY = "ip", _("Intellectual property")
    BRAND = "brand", _("Brand cultivation")
    EQUIPMENT_SHARING = "equipment", _("Equipment sharing")


class DeliveryMode(models.TextChoices):
    ONLINE = "online", _("Online")
    ON_SITE = "on_site", _("On site")
    AT_LAB = "at_lab", _("At the laboratory")


class District(models.TextChoices):
    """Districts of the demo region (Xiamen, where 001 and 002 apply)."""

    SIMING = "siming", _("Siming District")
    HULI = "huli", _("Huli District")
    JIMEI = "jimei", _("Jimei District")
    HAICANG = "haicang", _("Haicang District")
    TONGAN = "tongan", _("Tong'an District")
    XIANGAN = "xiangan", _("Xiang'an District")


class Industry(models.TextChoices):
    """Sections of GB/T 4754-2017 Industrial classification for national economic activities."""

    A = "A", _("A Agriculture, forestry, animal husbandry and fishery")
    B = "B", _("B Mining")
    C = "C", _("C Manufacturing")
    D = "D", _("D Electricity, heat, gas and water production and supply")
    E = "E", _("E Construction")
    F = "F", _("F Wholesale and retail trade")
    G = "G", _("G Transport, storage and postal services")
    H = "H", _("H Accommodation and catering")
    I = "I", _("I Information transmission, software and information technology services")  # noqa: E741
    J = "J", _("J Finance")
    K = "K", _("K Real estate")
    L = "L", _("L Leasing and business services")
    M = "M", _("M Scientific research and technical services")
    N = "N", _("N Water conservancy, environment and public facilities management")
    O = "O", _("O Residential services, repair and other services")  # noqa: E741
    P = "P", _("P Education")
    Q = "Q", _("Q Health and social work")
    R = "R", _("R Culture, sports and entertainment")
    S = "S", _("S Public administration, social security and social organisations")
    T = "T", _("T International organisations")
