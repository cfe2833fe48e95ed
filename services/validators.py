"""Validators for what enterprises type and upload."""

import re

import filetype

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: the 统一社会信用代码 alphabet (no I, O, S, V, Z) and the weights of positions 1-17.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalize_uscc(value):
    return (value or "").strip().upper()


def uscc_check_character(first17):
    """The 18th character of a code whose first 17 characters are given (GB 32100-2015 5.2)."""
    total = sum(USCC_CHARSET.index(char) * w for char, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def validate_uscc(value):
    code = normalize_uscc(value)
    if len(code) != 18:
        raise ValidationError(
            _("The unified social credit code has 18 characters."), code="uscc_length"
        )
    if any(char not in USCC_CHARSET for char in code):
        raise ValidationError(
            _("Use only digits and capital letters other than I, O, S, V and Z."),
            code="uscc_charset",
        )
    if uscc_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("This unified social credit code is not valid: please check each character."),
            code="uscc_check",
        )


# What an attachment may be, decided by its content: sniffed type -> (extension, MIME type).
ALLOWED_ATTACHMENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_REQUEST = 5


def sniff_attachment(uploaded):
    """Return (extension, MIME type) from the file's content, or raise ValidationError."""
    if uploaded.size > MAX_ATTACHMENT_SIZE:
        raise ValidationError(
            _("%(name)s is larger than 10 MB."), code="too_large", params={"name": uploaded.name}
        )
    if uploaded.size == 0:
        raise ValidationError(_("%(name)s is empty."), code="empty", params={"name": uploaded.name})
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    # Office files are zips: filetype looks for the word/ or xl/ part names in the first bytes.
    if kind is None or kind.extension not in ALLOWED_ATTACHMENT_TYPES:
        raise ValidationError(
            _("%(name)s is not a PDF, JPG, PNG, DOCX or XLSX file."),
            code="file_type",
            params={"name": uploaded.name},
        )
    return kind.extension, ALLOWED_ATTACHMENT_TYPES[kind.extension]


# Mainland mobile numbers, or landlines with area code and optional extension.
PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")


def validate_phone(value):
    if not PHONE_RE.match((value or "").replace(" ", "")):
        raise ValidationError(
            _("Enter a mobile number (11 digits) or a landline with its area code."),
            code="phone",
        )
