"""Table tests of the tailings pond rules at every band edge (domain-rules §12)."""

import pytest

from anjian.mines import rules

BANDS = {"v": [10000, 1000, 100], "h": [100, 60, 30]}
COUNTS = {"blue": 4, "yellow": 3, "orange": 2, "items_blue": 4}


@pytest.mark.parametrize(
    "v,expected",
    [
        (20000, 2),
        (10000, 2),  # "V ≥ 10000": the bound itself is 二等
        (9999.99, 3),
        (1000, 3),
        (999.99, 4),
        (100, 4),
        (99.99, 5),
        (0, 5),
    ],
)
def test_class_by_capacity_at_each_band_edge(v, expected):
    assert rules.class_by_capacity(v, BANDS) == expected


@pytest.mark.parametrize(
    "h,expected",
    [(150, 2), (100, 2), (99.9, 3), (60, 3), (59.9, 4), (30, 4), (29.9, 5), (0, 5)],
)
def test_class_by_height_at_each_band_edge(h, expected):
    assert rules.class_by_height(h, BANDS) == expected


@pytest.mark.parametrize(
    "v,h,expected",
    [
        (500, 65, 3),  # §12 check: 四 and 三 → 三
        (50, 70, 4),  # §12 check: 五 and 三 → 四
        (50, 100, 3),  # 五 and 二: three apart → 二 lowered by one
        (10000, 29.9, 3),  # 二 and 五 → 三
        (10000, 100, 2),  # both 二
        (1000, 30, 3),  # 三 and 四 → 三
        (99.99, 29.9, 5),  # both 五
        (100, 29.9, 4),  # 四 and 五 → 四
        (99.99, 60, 4),  # 五 and 三 → 四
        (9999.99, 100, 2),  # 三 and 二 → 二
    ],
)
def test_pond_class_combines_capacity_and_height(v, h, expected):
    assert rules.pond_class(v, h, BANDS) == expected


@pytest.mark.parametrize("v,h,expected", [(10000, 100, 1), (500, 65, 2), (50, 10, 4)])
def test_a_raised_pond_goes_up_one_class_and_a_second_class_one_becomes_first(v, h, expected):
    assert rules.pond_class(v, h, BANDS, raised=True) == expected


def test_changed_bands_move_the_class():
    assert rules.pond_class(500, 20, {"v": [10000, 1000, 400], "h": [100, 60, 30]}) == 4


@pytest.mark.parametrize("count,expected", [(None, False), (0, False), (1, True), (300, True)])
def test_overhead_when_anyone_lives_within_1_km_downstream(count, expected):
    assert rules.is_overhead(count) is expected


RISING = {"blue": 10, "yellow": 20, "orange": 30, "red": 40}
FALLING = {"blue": 8, "yellow": 6, "orange": 5.5, "red": 5}  # phreatic depth (m)


@pytest.mark.parametrize(
    "value,expected",
    [(9.99, None), (10, "blue"), (19.9, "blue"), (20, "yellow"), (30, "orange"), (40, "red")],
)
def test_a_rising_item_alarms_at_or_above_its_threshold(value, expected):
    assert rules.reading_alarm("displacement", value, RISING) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (8.01, None),
        (8, "blue"),
        (6.5, "blue"),
        (6, "yellow"),
        (5.5, "orange"),
        (5, "red"),
        (1, "red"),
    ],
)
def test_a_shallower_phreatic_line_alarms_at_or_below_its_threshold(value, expected):
    assert rules.reading_alarm("phreatic_depth", value, FALLING) == expected


def test_a_missing_threshold_never_fires():
    assert rules.reading_alarm("rainfall", 500, {"blue": None, "red": None}) is None
    assert rules.reading_alarm("rainfall", 500, {"orange": 100}) == "orange"


@pytest.mark.parametrize(
    "levels,expected",
    [
        ([], None),
        ([None, None], None),
        (["blue"] * 3, "blue"),
        (["blue"] * 4, "yellow"),  # 4 points at 蓝 → 黄
        (["yellow"] * 2 + [None], "yellow"),
        (["yellow"] * 3, "orange"),  # 3 at 黄 → 橙
        (["yellow", "yellow", "orange"], "orange"),  # at 黄 or above
        (["orange", None], "orange"),
        (["orange"] * 2, "red"),  # 2 at 橙 → 红
        (["red"], "red"),
        (["blue", "blue", "blue", "yellow"], "yellow"),
    ],
)
def test_an_items_level_from_its_points(levels, expected):
    assert rules.item_alarm(levels, COUNTS) == expected


@pytest.mark.parametrize(
    "levels,expected",
    [
        ([], None),
        (["blue"] * 3, "blue"),
        (["blue"] * 4, "yellow"),  # 4 items at 蓝 count as one at 黄
        (["blue", "blue", "blue", None], "blue"),
        (["orange", None], "orange"),
        (["red", "blue"], "red"),
    ],
)
def test_a_ponds_level_from_its_items(levels, expected):
    assert rules.pond_alarm(levels, COUNTS) == expected


@pytest.mark.parametrize(
    "item,thresholds,ok",
    [
        ("displacement", RISING, True),
        ("displacement", {"blue": 10, "red": 5}, False),
        ("phreatic_depth", FALLING, True),
        ("phreatic_depth", RISING, False),
        ("freeboard", {"red": 1}, True),
        ("rainfall", {"blue": 10, "yellow": 10}, False),
    ],
)
def test_thresholds_must_step_towards_danger(item, thresholds, ok):
    assert rules.thresholds_ordered(item, thresholds) is ok
