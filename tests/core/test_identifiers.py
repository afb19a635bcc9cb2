import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from anjian.core.identifiers import (
    ALPHABET,
    credit_code_check_char,
    is_valid_credit_code,
    validate_credit_code,
)


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L"])
def test_published_credit_codes_are_valid(code):
    assert is_valid_credit_code(code)


@pytest.mark.parametrize(
    "code,reason",
    [
        ("91350100M000100Y44", "check"),
        ("91350100M000100Y4", "length"),
        ("91350100M00010OY43", "alphabet"),  # the letter O is not in the alphabet
        ("91350100I000100Y43", "alphabet"),  # nor is I
    ],
)
def test_bad_credit_codes_are_refused_with_a_reason(code, reason):
    with pytest.raises(ValidationError) as info:
        validate_credit_code(code)
    assert info.value.code == reason


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17))
def test_any_body_with_its_check_char_is_valid_and_any_other_char_is_not(body):
    check = credit_code_check_char(body)
    assert is_valid_credit_code(body + check)
    wrong = next(c for c in ALPHABET if c != check)
    assert not is_valid_credit_code(body + wrong)
