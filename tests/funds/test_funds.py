"""funds/ per the contract: allocations within the fund, spending within its allocation (400
otherwise), balance computed, vouchers checked by content, pages in 万元, export, rights."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from anjian.core.models import AuditEntry
from anjian.funds import services
from anjian.funds.models import Spending
from tests.funds.conftest import PDF, voucher

pytestmark = pytest.mark.django_db


def test_a_fund_carries_the_contracts_fields_and_its_balance(api_as, county_admin, fund):
    services.spending_add(
        actor=county_admin,
        allocation=fund.allocations.get(project="training"),
        data={"spent_on": "2025-05-01", "amount": Decimal("25000.50"), "description": "培训"},
        voucher=voucher(),
    )
    body = api_as(county_admin).get(f"/api/v1/funds/{fund.pk}/").json()
    assert {"year", "name", "source", "amount", "allocations", "balance"} <= set(body)
    assert body["balance"] == "974999.50"
    assert body["allocated"] == "400000.00"
    assert [(a["project"], a["amount"], a["spent"]) for a in body["allocations"]] == [
        ("major_hazard", "300000.00", "0.00"),
        ("training", "100000.00", "25000.50"),
    ]


def test_allocations_above_the_amount_are_refused(api_as, county_admin, fund):
    api = api_as(county_admin)
    response = api.post(
        f"/api/v1/funds/{fund.pk}/allocations/", {"project": "equipment", "amount": "600000.01"}
    )
    assert response.status_code == 400 and "amount" in response.json()
    response = api.post(
        f"/api/v1/funds/{fund.pk}/allocations/", {"project": "equipment", "amount": "600000"}
    )
    assert response.status_code == 201 and response.json()["spent"] == "0.00"
    created = api.post(
        "/api/v1/funds/",
        {
            "year": 2026,
            "name": "专项资金",
            "source": "上级补助",
            "amount": "100",
            "allocations": [{"project": "training", "amount": "100.01"}],
        },
        format="json",
    )
    assert created.status_code == 400 and "allocations" in created.json()


def test_a_fund_cannot_shrink_below_its_allocations(api_as, county_admin, fund):
    response = api_as(county_admin).patch(f"/api/v1/funds/{fund.pk}/", {"amount": "399999.99"})
    assert response.status_code == 400 and "amount" in response.json()


def test_spending_above_the_allocation_is_refused(api_as, county_admin, fund):
    training = fund.allocations.get(project="training")
    api = api_as(county_admin)
    url = f"/api/v1/funds/{fund.pk}/spending/"

    def spend(amount):
        return api.post(
            url,
            {
                "allocation": training.pk,
                "spent_on": "2025-06-01",
                "amount": amount,
                "description": "教材",
                "voucher": voucher(),
            },
            format="multipart",
        )

    assert spend("60000").status_code == 201
    refused = spend("40000.01")
    assert refused.status_code == 400 and "amount" in refused.json()
    assert spend("40000").status_code == 201
    assert Spending.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "content", "field"),
    [
        ("voucher.pdf", b"MZ\x90\x00 not a pdf", "voucher"),  # the content decides
        ("voucher.exe", PDF, "voucher"),
    ],
)
def test_a_voucher_is_checked_by_its_content(api_as, county_admin, fund, name, content, field):
    response = api_as(county_admin).post(
        f"/api/v1/funds/{fund.pk}/spending/",
        {
            "allocation": fund.allocations.first().pk,
            "spent_on": "2025-06-01",
            "amount": "10",
            "description": "x",
            "voucher": voucher(name, content),
        },
        format="multipart",
    )
    assert response.status_code == 400 and field in response.json()
    assert not Spending.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"spent_on": "2024-12-31"}, "spent_on"),  # before the fund's year
        ({"spent_on": "2025-06-19"}, "spent_on"),  # after today
        ({"amount": "0"}, "amount"),
        ({"amount": "-5"}, "amount"),
        ({"allocation": 0}, "allocation"),
    ],
)
def test_bad_spending_is_a_400_naming_the_field(api_as, county_admin, fund, data, field):
    values = {
        "allocation": fund.allocations.first().pk,
        "spent_on": "2025-06-01",
        "amount": "10",
        "description": "x",
        "voucher": voucher(),
        **data,
    }
    response = api_as(county_admin).post(
        f"/api/v1/funds/{fund.pk}/spending/", values, format="multipart"
    )
    assert response.status_code == 400 and field in response.json(), response.json()


def test_officers_and_the_leader_read_only_the_county_admin_writes(
    api_as, login, fund, town_a_officer, leader, enterprise_user
):
    for user in (town_a_officer, leader):
        assert api_as(user).get("/api/v1/funds/").json()["count"] == 1
        assert (
            api_as(user)
            .post(f"/api/v1/funds/{fund.pk}/allocations/", {"project": "equipment", "amount": "1"})
            .status_code
            == 403
        )
    assert api_as(enterprise_user).get("/api/v1/funds/").status_code == 403
    assert login(enterprise_user).get("/funds/").status_code == 403


def test_pages_show_amounts_in_wan_yuan_and_record_spending_with_a_voucher(
    login, county_admin, fund
):
    client = login(county_admin)
    training = fund.allocations.get(project="training")
    response = client.post(
        f"/funds/{fund.pk}/spending/",
        {
            "allocation": training.pk,
            "spent_on": "2025-06-01",
            "amount": "2.5",  # 万元
            "description": "安全培训",
            "voucher": voucher(),
        },
    )
    assert response.status_code == 302
    assert Spending.objects.get().amount == Decimal("25000.00")
    page = client.get(fund.get_absolute_url()).content.decode()
    assert 'id="fund-amount">100.00<' in page and 'id="fund-balance">97.50<' in page
    refused = client.post(
        f"/funds/{fund.pk}/allocations/", {"project": "equipment", "amount": "60.01"}, follow=True
    )
    assert "600,000.00" in refused.content.decode()  # what is left, in the message
    download = client.get(Spending.objects.get().get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="export.fund_voucher").exists()


def test_the_export_lists_each_allocation_in_wan_yuan(login, town_a_officer, fund):
    response = login(town_a_officer).get("/funds/export/")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][3] == "资金总额（万元）"
    assert [(r[7], r[8]) for r in rows[1:]] == [("重大隐患整治", 30.0), ("培训", 10.0)]
    assert rows[1][3] == 100.0
