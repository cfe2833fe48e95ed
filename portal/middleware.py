from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Simplified Chinese unless the visitor chose English with the language switch.

    The browser's Accept-Language is not consulted: the portal serves Chinese enterprises, and an
    English-language browser or phone setting should not turn the public site English unasked.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language and translation.check_for_language(language):
            translation.activate(translation.get_supported_language_variant(language))
        else:
            translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
