"""One read path: the inspection list and the API give the same rows for the same filter."""

import datetime as dt

import pytest


@pytest.mark.parametrize(
    "query",
    [
        "kind=self_check",
        "kind=inspection&town=town_a",
        "campaign={campaign}",
        "enterprise={enterprise}",
        "checklist={checklist}",
        "inspected_after={day}",
        "inspected_before={yesterday}",
    ],
)
def test_the_inspection_list_and_the_api_give_the_same_rows(
    query, progressed, campaign, checklist, world, today, login, api_as, county_admin
):
    query = query.format(
        campaign=campaign.pk,
        enterprise=world["a"].pk,
        checklist=checklist.pk,
        day=today - dt.timedelta(days=20),
        yesterday=today - dt.timedelta(days=21),
    )
    api = sorted(
        r["id"] for r in api_as(county_admin).get(f"/api/v1/inspections/?{query}").json()["results"]
    )
    page = login(county_admin).get(f"/inspections/?{query}")
    assert page.status_code == 200
    assert sorted(i.pk for i in page.context["page"]) == api
