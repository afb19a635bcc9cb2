"""Grading rules of 安委办〔2016〕11号 at every band boundary, and the GB 6441 types."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from anjian.core.gb6441 import ACCIDENT_TYPES, parse_accident_type
from anjian.risks import rules


@pytest.mark.parametrize(
    "d,level",
    [
        ("0.05", "low"),
        ("1", "low"),
        ("70", "low"),
        ("70.01", "general"),
        ("72", "general"),
        ("160", "general"),
        ("160.01", "large"),
        ("180", "large"),
        ("320", "large"),
        ("320.01", "major"),
        ("360", "major"),
        ("10000", "major"),
    ],
)
def test_lec_level_at_every_default_boundary(d, level):
    assert rules.lec_level(Decimal(d)) == level


@pytest.mark.parametrize(
    "r,level",
    [
        (1, "low"),
        (8, "low"),
        (9, "general"),
        (12, "general"),
        (13, "general"),
        (14, "general"),
        (15, "large"),
        (16, "large"),
        (17, "large"),
        (18, "large"),
        (19, "large"),
        (20, "major"),
        (25, "major"),
    ],
)
def test_ls_level_at_every_default_boundary_and_in_the_gaps(r, level):
    assert rules.ls_level(r) == level


@pytest.mark.parametrize(
    "r,level",
    [
        (4, "low"),
        (5, "general"),
        (10, "general"),
        (11, "large"),
        (16, "large"),
        (17, "major"),
    ],
)
def test_ls_level_with_a_provinces_17_11_5_bands(r, level):
    bands = rules.Bands(major=Decimal(17), large=Decimal(11), general=Decimal(5))
    assert rules.ls_level(r, bands) == level


def test_every_ls_product_gets_a_level():
    products = {lv * sv for lv in rules.LS_VALUES for sv in rules.LS_VALUES}
    assert {13, 14, 17, 18, 19}.isdisjoint(products)
    assert {rules.ls_level(r) for r in products} == set(rules.LEVELS)


@pytest.mark.parametrize(
    "l,e,c,score,level",
    [
        ("10", "10", "100", "10000", "major"),
        ("3", "6", "15", "270", "large"),
        ("3", "6", "7", "126", "general"),
        ("1", "6", "7", "42", "low"),
        ("0.1", "0.5", "1", "0.05", "low"),
        ("0.5", "6", "15", "45", "low"),
    ],
)
def test_assess_lec(l, e, c, score, level):  # noqa: E741
    assert rules.assess(method="LEC", l=l, e=e, c=c) == (Decimal(score), level)


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({"method": "LEC", "l": "4", "e": "6", "c": "15"}, "l"),
        ({"method": "LEC", "l": "3", "e": "5", "c": "15"}, "e"),
        ({"method": "LEC", "l": "3", "e": "6", "c": "20"}, "c"),
        ({"method": "LEC", "l": "3", "e": "6"}, "c"),
        ({"method": "LEC", "l": "abc", "e": "6", "c": "15"}, "l"),
        ({"method": "LEC", "l": "3", "e": "6", "c": "15", "s": "2"}, "s"),
        ({"method": "LS", "l": "6", "s": "2"}, "l"),
        ({"method": "LS", "l": "2.5", "s": "2"}, "l"),
        ({"method": "LS", "l": "2", "s": "0"}, "s"),
        ({"method": "LS", "l": "2", "s": "3", "e": "6"}, "e"),
        ({"method": "XYZ", "l": "2"}, "method"),
    ],
)
def test_assess_refuses_values_outside_the_tables(kwargs, field):
    with pytest.raises(ValidationError) as exc:
        rules.assess(**kwargs)
    assert field in exc.value.message_dict


@pytest.mark.parametrize(
    "level,control",
    [
        ("major", "enterprise"),
        ("large", "department"),
        ("general", "workshop"),
        ("low", "post"),
    ],
)
def test_default_control_level_rises_with_the_risk(level, control):
    assert rules.required_control(level) == control
    assert rules.control_at_least("enterprise", level)


def test_bands_must_fall_from_major_to_general():
    with pytest.raises(ValidationError) as exc:
        rules.validate_bands("LS", rules.Bands(Decimal(15), Decimal(15), Decimal(9)))
    assert "major" in exc.value.message_dict
    with pytest.raises(ValidationError):
        rules.validate_bands("LS", rules.Bands(Decimal(30), Decimal(15), Decimal(9)))
    rules.validate_bands("LEC", rules.DEFAULT_LEC_BANDS)


def test_gb6441_has_twenty_types_in_the_standards_order():
    assert len(ACCIDENT_TYPES) == 20
    assert [code for code, _ in ACCIDENT_TYPES] == [f"{i:02d}" for i in range(1, 21)]
    assert ACCIDENT_TYPES[8] == ("09", "高处坠落")
    assert ACCIDENT_TYPES[18] == ("19", "中毒和窒息")


@pytest.mark.parametrize(
    "value,code",
    [
        ("高处坠落", "09"),
        ("09", "09"),
        ("9", "09"),
        (9, "09"),
        (9.0, "09"),
        (" 淹溺 ", "06"),
        ("中毒窒息", "19"),
    ],
)
def test_parse_accident_type_takes_name_or_code(value, code):
    assert parse_accident_type(value) == code


@pytest.mark.parametrize("value", ["21", "00", "坠落", "", None])
def test_parse_accident_type_refuses_unknown_values_in_chinese(value):
    with pytest.raises(ValidationError) as exc:
        parse_accident_type(value)
    assert "GB 6441" in exc.value.messages[0]
