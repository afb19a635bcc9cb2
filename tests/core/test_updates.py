"""core.updates.model_update: set the fields, validate, save what changed, audit the diff."""

import pytest
from django.core.exceptions import ValidationError

from anjian.accounts.models import Town
from anjian.core.models import AuditEntry
from anjian.core.updates import model_update


def test_a_change_is_saved_and_audited_with_its_diff(town_a, county_admin):
    town, changes = model_update(
        actor=county_admin,
        instance=town_a,
        fields=("name", "ordering"),
        data={"name": "甲镇（新）", "ordering": 100, "code": "ignored"},
    )
    assert changes == {"name": ["甲镇", "甲镇（新）"]}
    stored = Town.objects.get(pk=town_a.pk)
    assert (stored.name, stored.code) == ("甲镇（新）", "town_a")
    entry = AuditEntry.objects.get(model="town")
    assert entry.changes == changes and entry.username == county_admin.username


def test_a_named_action_is_the_audit_code(town_a, county_admin):
    model_update(
        actor=county_admin,
        instance=town_a,
        fields=("name",),
        data={"name": "丙镇"},
        action="town.rename",
        via="api",
    )
    assert AuditEntry.objects.get().action == "town.rename"


def test_nothing_changed_writes_nothing(town_a, county_admin, django_assert_num_queries):
    with django_assert_num_queries(2):  # full_clean's uniqueness checks (code, name) only
        _town, changes = model_update(
            actor=county_admin, instance=town_a, fields=("name",), data={"name": "甲镇"}
        )
    assert changes == {} and not AuditEntry.objects.exists()


def test_an_invalid_value_is_refused_and_nothing_is_stored(town_a, town_b, county_admin):
    with pytest.raises(ValidationError) as caught:
        model_update(
            actor=county_admin, instance=town_a, fields=("name",), data={"name": town_b.name}
        )
    assert "name" in caught.value.message_dict
    assert Town.objects.get(pk=town_a.pk).name == "甲镇" and not AuditEntry.objects.exists()


def test_before_clean_recomputes_derived_fields(town_a, county_admin):
    def order_by_name(town):
        town.ordering = len(town.name)

    model_update(
        actor=county_admin,
        instance=town_a,
        fields=("name",),
        data={"name": "三个字"},
        before_clean=order_by_name,
    )
    assert Town.objects.get(pk=town_a.pk).ordering == 3


def test_arguments_are_keyword_only(town_a, county_admin):
    with pytest.raises(TypeError):
        model_update(county_admin, town_a, {"name": "x"}, ("name",))  # type: ignore[misc]
