import pytest

from django.core.exceptions import ValidationError

from services.validators import USCC_CHARSET, uscc_check_character, validate_uscc
from tests.services.factories import make_uscc

# Real codes printed on business licences; each one checked by the GB 32100-2015 formula below.
REAL_VALID_CODES = [
    "914403001922038216",
    "91440300708461136T",
    "91330100799655058B",
    "91110000802100433B",
    "911100001000127624",
]


def check_by_formula(first17):
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, weights, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


@pytest.mark.parametrize("code", REAL_VALID_CODES)
def test_real_codes_pass_and_agree_with_the_formula(code):
    assert check_by_formula(code[:17]) == code[17]
    validate_uscc(code)


@pytest.mark.parametrize("n", [0, 1, 30, 31, 961, 123456, 99999999])
def test_computed_codes_pass(n):
    code = make_uscc(n)
    assert check_by_formula(code[:17]) == code[17] == uscc_check_character(code[:17])
    validate_uscc(code)


def test_lower_case_and_spaces_are_normalised():
    validate_uscc(" 91440300708461136t ")


@pytest.mark.parametrize(
    ("code", "error_code"),
    [
        ("91440300708461136X", "uscc_check"),  # wrong check character
        ("914403001922038217", "uscc_check"),
        ("91440300708461163T", "uscc_check"),  # two characters swapped
        ("9144030070846113", "uscc_length"),  # too short
        ("91440300708461136TT", "uscc_length"),  # too long
        ("", "uscc_length"),
        ("91440300708461136I", "uscc_charset"),  # I is not in the alphabet
        ("9144O300708461136T", "uscc_charset"),  # letter O for zero
        ("91440300-08461136T", "uscc_charset"),
        ("９１４４０３００７０８４６１１３６Ｔ", "uscc_charset"),  # full-width digits
    ],
)
def test_invalid_codes_fail(code, error_code):
    with pytest.raises(ValidationError) as excinfo:
        validate_uscc(code)
    assert excinfo.value.code == error_code
