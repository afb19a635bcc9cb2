"""`anjian seed`: valid, audited synthetic data that tops up instead of duplicating."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F

from anjian.accounts.models import Department, Sector, Town
from anjian.core.identifiers import is_valid_credit_code
from anjian.core.models import AuditEntry
from anjian.registry.models import Enterprise, Licence
from anjian.registry.seed import SCALES, SEED_PREFIX, seed, seeded_enterprises


@pytest.fixture
def small(db):
    return seed(scale="county", enterprises=300, towns=5, chunk_size=120)


def test_seeded_credit_codes_are_valid_and_distinct(small):
    codes = list(seeded_enterprises().values_list("credit_code", flat=True))
    assert len(codes) == len(set(codes)) == 300
    assert all(is_valid_credit_code(code) and code.startswith(SEED_PREFIX) for code in codes)


def test_every_seeded_enterprise_and_licence_is_audited(small):
    assert small.licences_created > 0
    enterprise_ids = {str(pk) for pk in seeded_enterprises().values_list("pk", flat=True)}
    audited = set(
        AuditEntry.objects.filter(
            model="enterprise", action="enterprise.create", via="seed"
        ).values_list("object_id", flat=True)
    )
    assert audited == enterprise_ids
    licences = Licence.objects.filter(enterprise__credit_code__startswith=SEED_PREFIX)
    assert (
        AuditEntry.objects.filter(model="licence", via="seed").count()
        == licences.count()
        == small.licences_created
    )
    entry = AuditEntry.objects.filter(model="enterprise", via="seed").first()
    assert entry.username == "system" and entry.changes["credit_code"][0] is None


def test_each_seeded_enterprise_has_a_department_supervising_its_sector(small):
    assert not seeded_enterprises().exclude(department__sectors=F("sector")).exists()
    covered = set(Department.objects.values_list("sectors__code", flat=True))
    assert set(Sector.objects.values_list("code", flat=True)) <= covered


def test_seeded_units_spread_over_the_towns_and_sectors(small):
    assert small.towns == small.towns_created == 5
    assert seeded_enterprises().values("town").distinct().count() == 5
    assert seeded_enterprises().values("sector").distinct().count() >= 10


def test_a_second_run_adds_nothing_and_a_bigger_one_tops_up(small):
    again = seed(scale="county", enterprises=300, towns=5)
    assert (again.enterprises_created, again.towns_created, again.licences_created) == (0, 0, 0)
    more = seed(scale="county", enterprises=450, towns=5)
    assert more.enterprises_created == 150 and more.enterprises == 450
    assert seeded_enterprises().count() == 450
    assert AuditEntry.objects.filter(model="enterprise", via="seed").count() == 450


def test_existing_data_is_left_alone(enterprise_a, db):
    seed(scale="county", enterprises=50, towns=3)
    enterprise_a.refresh_from_db()
    assert Enterprise.objects.filter(pk=enterprise_a.pk, town__code="town_a").exists()
    assert Enterprise.objects.count() == 51


@pytest.mark.slow
def test_command_seeds_the_county_scale_and_prints_one_line(db):
    out = io.StringIO()
    call_command("seed", "--scale", "county", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("seed county: 5000 seeded enterprises (+5000)")
    assert seeded_enterprises().count() == SCALES["county"].enterprises
    assert Town.objects.filter(code__startswith="seed_").count() == SCALES["county"].towns
    out = io.StringIO()
    call_command("seed", "--scale", "county", stdout=out)
    assert "(+0)" in out.getvalue()


def test_the_province_scale_puts_every_town_in_a_county_of_a_city_of_the_province(db):
    from anjian.accounts.models import Division

    seed(scale="province", enterprises=20, towns=220)
    assert Division.objects.filter(level="province").count() == 1
    assert Division.objects.filter(level="city").count() == 14
    assert Division.objects.filter(level="county").count() == 110
    towns = Town.objects.filter(code__startswith="seed_")
    assert not towns.filter(county=None).exists()
    assert towns.filter(city__parent__level="province").count() == 220
    assert all(t.county.parent_id == t.city_id for t in towns.select_related("county"))
    assert towns.values("county").distinct().count() == 110
