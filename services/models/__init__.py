from .catalogue import ServiceGuidePage, ServiceIndexPage, ServicePage, ServiceSectionPage

__all__ = ["ServiceGuidePage", "ServiceIndexPage", "ServicePage", "ServiceSectionPage"]
