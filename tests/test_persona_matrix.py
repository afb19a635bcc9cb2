"""Every URL of the resolver, as every persona: the outcome follows the view's declared permission.

The walk reads the URL resolver, so a URL added later is walked too. Path parameters come from
real records of town A built from the personas' fixtures (`RECORDS`, keyed by the path segment in
front of the parameter); a URL whose segment has no record fails with a message saying so.

Expected, for pages:
- anonymous: the login page (302 to /login/), unless the view is public;
- a persona whose role lacks the view's permission: 403;
- the outsider (town B's officer) on a town A record it may otherwise open: 404;
- the county admin (every permission, every record): 200 or a redirect, and for a POST-only
  view a POST that is neither refused nor a 404;
- nobody ever gets a 500.
The API is walked as well; there the answer must never be a 500, anonymous gets 401/403, and the
outsider never reads a town A record (404 or 403). Every request runs in a transaction that is
rolled back, so POSTs change nothing for the next one.
"""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from anjian.core import clock
from anjian.core.models import AuditEntry
from anjian.core.permissions import has_permission
from anjian.notifications.models import ChannelConfig, Notification
from tests.accidents.conftest import make_accident  # noqa: F401 - fixtures, found by name
from tests.alerts.conftest import publish  # noqa: F401
from tests.hazards.conftest import gov_hazard, make_hazard  # noqa: F401
from tests.inspections.conftest import answers, checklist  # noqa: F401
from tests.risks.conftest import make_point  # noqa: F401

PERSONAS = [
    "county_admin",
    "city_admin",
    "town_a_officer",
    "town_b_officer",
    "other_county_admin",
    "traffic_officer",
    "enterprise_user",
    "leader",
    None,
]
# The outsiders: town B's officer, and the admin of the other county of the city (towns A
# and B lie in county X, `region`); both are refused town A's records.
OUTSIDERS = {"town_b_officer", "other_county_admin"}
# The admins who may do everything in town A: the county admin and the city's.
ADMINS = {"county_admin", "city_admin"}
# Library views exposed on purpose and views that change the session itself.
SKIP_MODULES = ("django.views.static", "django.contrib.admin")
SKIP_NAMES = {"logout", "set_language"}
# Records that belong to town A (the outsider must get 404 for them); the others are county-wide.
TOWN_A = {
    "enterprises",
    "licences",
    "points",
    "risk-points",
    "hazards",
    "evidence",
    "extensions",
    "inspections",
    "accidents",
    "rosters",
    "duty-rosters",
    "reports",
    "channels",
    "alerts",
    "warnings",
    "responsibilities",
    "accountability",
    "positions",
    "safety-positions",
    "five-evidence",
    "public_reports",
    "public-reports",
    "hazard-sources",
    "major-hazard-sources",
    "emergency",
    "emergency-plans",
    "drills",
    "attachments",
    "tailings-ponds",
    "pond-points",
    "pond-readings",
    "flood-checks",
    "mined-out-areas",
    "quarries",
    "mine-plans",
    "chemicals",
    "road-sections",
    "sections",
    "school-bus-routes",
    "crowded-places",
    "places",
    "fire-judgements",
    "certificates",
    "inspectors",
    "trainings",
    "fires",
    "forest-fires",
    "permits",
    "field-fire-permits",
    "areas",
    "forest-watch-areas",
    "patrols",
    "cases",
    "fireworks-cases",
    "targets",
}
# What the county admin gets where an object rule, not the role, decides (URL name → status).
COUNTY_ADMIN_EXCEPTIONS = {
    "hazards:hazard_extension_request": 403,  # only the party that rectifies asks for more time
    "hazards:hazard_extension_decide": 404,  # an empty decision form is no decision
    "hazards:hazard_notice_docx": 404,  # only a supervised major hazard has a notice
    "accidents:bulletin_download": 400,  # the bulletin needs its period
    "alerts:alert_confirm": 403,  # only a unit the warning was sent to confirms it
    "alerts:alert_pass_on": 403,  # only a county a city's warning reached passes it on
    "roads:section_sign_off": 403,  # only the owning department and the traffic police sign
}


def walk(patterns, prefix="", namespace=""):
    """(route, pattern, URL name with its namespace) of every URL."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield (
                prefix + str(entry.pattern),
                entry,
                ":".join(filter(None, [namespace, entry.name])),
            )


def declared(callback) -> str | None:
    code = getattr(callback, "permission", None) or (
        getattr(callback, "initkwargs", None) or {}
    ).get("permission")
    for attr in ("cls", "view_class"):
        code = code or getattr(getattr(callback, attr, None), "permission", None)
    return code


PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def fill(route: str, records: dict) -> tuple[str, str]:
    """(path, segment) of a route with its parameters filled; segment names the main record."""
    segment = ""
    path, last = "", 0
    for match in PARAM.finditer(route):
        name = match.group(1) or match.group(2)
        before = route[last : match.start()]
        path += before
        if name == "pk":
            segment = [s for s in re.split(r"[/^]", path) if s][-1]
            if segment not in records:
                raise LookupError(f"{route}: no record for {segment!r}; add one to RECORDS")
            value = records[segment].pk
        elif name == "extension_id":
            value = records["extensions"].pk
        elif name == "kind":
            value = records["calendar-kind"]
        elif name == "code":
            value = records["tracking-code"]
        elif name == "key":
            value = records["key"]
        elif name == "year":  # the annual assessment's year
            value = clock.today().year
        elif name == "unit_kind":
            value = "town"
        elif name == "unit_code":
            value = "town_a"
        elif name == "item":
            value = "responsibility"
        else:
            raise LookupError(f"{route}: no value for the parameter {name!r}")
        path += str(value)
        last = match.end()
    path += route[last:]
    path = "/" + path.replace("^", "").replace("$", "").replace("\\", "")
    return path, segment


@pytest.fixture
def records(
    region,
    county_admin,
    town_a,
    town_a_officer,
    traffic_dept,
    enterprise_a,
    enterprise_user,
    sectors,
    gov_hazard,  # noqa: F811
    make_point,  # noqa: F811
    make_accident,  # noqa: F811
    checklist,  # noqa: F811
    publish,  # noqa: F811
):
    """One real record of each kind, in town A where a record has a town."""
    from anjian.accounts.units import Unit
    from anjian.duty import services as duty
    from anjian.duty.models import DeclaredHoliday, InformationReport  # noqa: F401
    from anjian.hazards.models import HazardEvidence, HazardExtension
    from anjian.inspections import campaigns
    from anjian.inspections import services as inspections
    from anjian.inspections.draws import draw_create
    from anjian.inspections.models import CampaignTarget
    from anjian.public_reports import services as public_reports
    from anjian.registry.hazard_sources.services import hazard_source_create
    from anjian.registry.services import licence_create

    today = clock.today()
    start = clock.now() + dt.timedelta(days=3)
    roster = duty.roster_create(
        actor=town_a_officer,
        unit=Unit.of_town(town_a),
        title="甲镇节日值班",
        starts_at=start,
        ends_at=start + dt.timedelta(days=1),
        shifts=[
            {
                "starts_at": start,
                "ends_at": start + dt.timedelta(days=1),
                "leader": "韦",
                "staff": "李",
            }
        ],
    )
    report = duty.report_create(
        actor=town_a_officer,
        unit=Unit.of_town(town_a),
        data={
            "event": "车辆侧翻",
            "received_at": clock.now(),
            "kind": "phone",
            "grade_relevant": False,
            "reported_at": None,
        },
    )
    inspection = inspections.inspection_create(
        actor=town_a_officer,
        results=answers(checklist),
        data={
            "enterprise": enterprise_a,
            "checklist": checklist,
            "inspected_on": today,
            "inspectors": "张三",
        },
    )
    campaign = campaigns.campaign_create(
        actor=county_admin,
        data={
            "name": "危险化学品专项整治",
            "kind": "special",
            "sectors": [sectors["hazardous_chemicals"]],
            "towns": [town_a],
            "starts_on": today - dt.timedelta(days=3),
            "ends_on": today + dt.timedelta(days=30),
        },
    )
    evidence = HazardEvidence.objects.create(
        hazard=gov_hazard,
        file=ContentFile(b"%PDF-1.4\n", name="evidence.pdf"),
        name="evidence.pdf",
        kind="document",
        step=gov_hazard.status,
        size=9,
        uploaded_by=town_a_officer,
    )
    extension = HazardExtension.objects.create(
        hazard=gov_hazard,
        previous_deadline=gov_hazard.deadline,
        new_deadline=gov_hazard.deadline + dt.timedelta(days=10),
        reason="设备到货延迟",
        requested_by=enterprise_user,
    )
    alert = publish(towns=[town_a])
    point = make_point(enterprise=enterprise_a)
    lists = _assessment_records(
        county_admin=county_admin,
        town_a=town_a,
        sectors=sectors,
        enterprise_a=enterprise_a,
        enterprise_user=enterprise_user,
    )
    public_report = public_reports.public_report_submit(
        data={"content": "仓库超量存放", "town": town_a, "anonymous": True}
    )
    public_reports.public_report_transfer(actor=county_admin, report=public_report, to=town_a.code)
    source = hazard_source_create(
        actor=county_admin,
        enterprise=enterprise_a,
        data={
            "name": "液氯储存单元",
            "unit_kind": "storage",
            "people_within_500m": 60,
            "substances": [{"name": "chlorine", "quantity_t": 20}],
        },
    )
    inspector, training = _workforce_records(county_admin, town_a, town_a_officer)
    draw = draw_create(actor=town_a_officer, enterprises=1, inspectors=1)
    plan, drill, attachment = _emergency_records(enterprise_user)
    key_sectors = _key_sector_records(county_admin, enterprise_a)
    certificate, fund, spending = _foundation_records(county_admin, enterprise_user)
    forest = _forest_records(county_admin=county_admin, town_a=town_a)
    return {
        **key_sectors,
        **forest,
        **lists,
        "enterprises": enterprise_a,
        "licences": licence_create(
            actor=county_admin,
            enterprise=enterprise_a,
            data={
                "kind": "危险化学品经营许可证",
                "number": "（桂）危化经字〔2025〕00001号",
                "issued_on": today - dt.timedelta(days=100),
                "expires_on": today + dt.timedelta(days=900),
            },
        ),
        "points": point,
        "risk-points": point,
        "hazards": gov_hazard,
        "evidence": evidence,
        "extensions": extension,
        "inspections": inspection,
        "checklists": checklist,
        "checklist-items": checklist.items.first(),
        "campaigns": campaign,
        "campaign-targets": CampaignTarget.objects.filter(campaign=campaign).first(),
        "accidents": make_accident(town=town_a, occurred_at=clock.now() - dt.timedelta(days=1)),
        "rosters": roster,
        "duty-rosters": roster,
        "reports": report,
        "calendar-kind": "holidays",
        "holidays": DeclaredHoliday.objects.create(
            name="元旦", start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 1)
        ),
        "key": "hazards.reminder_days",
        "alerts": alert,
        "warnings": alert,
        "channels": ChannelConfig.objects.create(
            unit_kind="town",
            town=town_a,
            channel="webhook",
            flavour="wecom",
            address="http://127.0.0.1:9/robot",
        ),
        "notifications": Notification.objects.create(
            recipient=town_a_officer, kind="test", title="测试", key="matrix"
        ),
        "towns": town_a,
        "divisions": region.county_x,
        "departments": traffic_dept,
        "sectors": sectors["road_traffic"],
        "audit": AuditEntry.objects.first(),
        "public_reports": public_report,
        "public-reports": public_report,
        "tracking-code": public_report.tracking_code,
        "hazard-sources": source,
        "major-hazard-sources": source,
        "draws": draw,
        "inspection-draws": draw,
        "emergency": plan,
        "emergency-plans": plan,
        "drills": drill,
        "attachments": attachment,
        "certificates": certificate,
        "funds": fund,
        "vouchers": spending,
        "inspectors": inspector,
        "trainings": training,
    }


def _assessment_records(*, county_admin, town_a, sectors, enterprise_a, enterprise_user) -> dict:
    from anjian.accounts.units import Unit
    from anjian.assessment import scoring_services as scoring
    from anjian.assessment import services as assessment

    position = assessment.safety_position_create(
        actor=enterprise_user,
        enterprise=enterprise_a,
        data={"position": "主要负责人", "duties": "全面负责"},
    )
    item = assessment.five_in_place_set(
        actor=enterprise_user, enterprise=enterprise_a, item="training", in_place=True
    )
    return {
        "responsibilities": assessment.responsibility_create(
            actor=county_admin,
            data={
                "person": "李明华",
                "title": "副县长",
                "year": clock.today().year,
                "sectors": [sectors["hazardous_chemicals"]],
                "towns": [town_a],
            },
        ),
        "accountability": assessment.accountability_create(
            actor=county_admin,
            unit=Unit.of_town(town_a),
            data={
                "kind": "interview",
                "reason": "约谈",
                "date": clock.today(),
                "decided_by": "县安委会",
            },
        ),
        "positions": position,
        "safety-positions": position,
        # the annual assessment: town A's control target (assessment/targets/<pk>/)
        "targets": scoring.target_set(
            actor=county_admin,
            year=clock.today().year,
            unit=Unit.of_town(town_a),
            max_accidents=2,
            max_deaths=1,
        ),
        "five-evidence": item.evidence.create(
            file=ContentFile(b"%PDF-1.4\n", name="plan.pdf"),
            name="plan.pdf",
            kind="document",
            size=9,
        ),
    }


def _foundation_records(county_admin, enterprise_user):
    """A certificate of enterprise A, and a county fund with an allocation and a payment."""
    from anjian.certificates import services as certificates
    from anjian.funds import services as funds
    from tests.certificates.conftest import cert_data

    certificate = certificates.certificate_create(actor=enterprise_user, data=cert_data())
    fund = funds.fund_create(
        actor=county_admin,
        data={
            "year": 2025,
            "name": "安全生产专项资金",
            "source": "县级财政预算",
            "amount": 1_000_000,
            "allocations": [{"project": "training", "amount": 200_000}],
        },
    )
    spending = funds.spending_add(
        actor=county_admin,
        allocation=fund.allocations.get(),
        data={"spent_on": clock.today(), "amount": 5000, "description": "培训教材"},
        voucher=ContentFile(b"%PDF-1.4\n%%EOF\n", name="voucher.pdf"),
    )
    return certificate, fund, spending


def _forest_records(*, county_admin, town_a) -> dict:
    """A fire, a field-fire application, a watch area with a patrol and a 打非 case in town A."""
    from anjian.fireworks import services as fireworks
    from anjian.forestfire import services as forest

    now = clock.now()
    fire = forest.fire_create(
        actor=county_admin,
        data={
            "town": town_a,
            "place": "青山岭",
            "started_at": now - dt.timedelta(days=200),
            "discovered_at": now - dt.timedelta(days=200),
            "reported_at": now - dt.timedelta(days=200),
            "damaged_area_ha": "0.5",
        },
    )
    permit = forest.permit_create(
        actor=county_admin,
        data={
            "applicant": "村民甲",
            "purpose": "烧除病虫害枝叶",
            "town": town_a,
            "starts_at": now + dt.timedelta(days=1),
            "ends_at": now + dt.timedelta(days=1, hours=3),
            "measures": "隔离带",
        },
    )
    area = forest.area_create(
        actor=county_admin,
        data={"town": town_a, "name": "青山岭重点监测区", "opened_on": clock.today()},
    )
    patrol = forest.patrol_log(
        actor=county_admin, data={"area": area, "ranger": "黄护林", "at": now}
    )
    case = fireworks.case_create(
        actor=county_admin,
        data={
            "clue_source": "grid",
            "received_at": now,
            "town": town_a,
            "place": "石村",
            "kind": "storage",
        },
    )
    return {
        "fires": fire,
        "forest-fires": fire,
        "permits": permit,
        "field-fire-permits": permit,
        "areas": area,
        "forest-watch-areas": area,
        "patrols": patrol,
        "cases": case,
        "fireworks-cases": case,
    }


def _emergency_records(enterprise_user):
    """A plan of enterprise A (town A) with a drill and a document."""
    from anjian.emergency import services as emergency
    from anjian.emergency.models import PlanAttachment

    plan = emergency.plan_create(
        actor=enterprise_user,
        data={
            "kind": "comprehensive",
            "title": "综合应急预案",
            "published_on": clock.today() - dt.timedelta(days=30),
        },
    )
    drill = emergency.drill_create(
        actor=enterprise_user,
        plan=plan,
        data={
            "held_on": clock.today() - dt.timedelta(days=1),
            "form": "tabletop",
            "participants": 12,
            "problems": "通讯录未更新",
        },
    )
    attachment = PlanAttachment.objects.create(
        plan=plan, file=ContentFile(b"%PDF-1.4\n", name="plan.pdf"), name="plan.pdf", size=9
    )
    return plan, drill, attachment


def _key_sector_records(county_admin, enterprise_a) -> dict:
    """A tailings pond of enterprise A with a point and a reading, and a chemical it keeps."""
    from anjian.chemicals import services as chemicals
    from anjian.mines import services as mines

    pond = mines.pond_create(
        actor=county_admin,
        enterprise=enterprise_a,
        data={
            "name": "甲镇尾矿库",
            "total_capacity": 500,
            "dam_height": 65,
            "construction": "upstream",
            "downstream_within_1km": 3,
        },
    )
    point = mines.point_create(
        actor=county_admin, pond=pond, data={"code": "JR1", "item": "phreatic_depth", "red": 5}
    )
    reading = mines.reading_add(
        actor=county_admin,
        point=point,
        data={"value": 7, "at": clock.now() - dt.timedelta(hours=1)},
    )
    flood_check = mines.flood_check_save(
        actor=county_admin,
        pond=pond,
        year=clock.today().year,
        data={"routed_on": clock.today(), "routed_by": "设计院"},
        upload=ContentFile(b"%PDF-1.4\n", name="flood.pdf"),
    )
    void = mines.void_create(
        actor=county_admin,
        enterprise=enterprise_a,
        data={
            "location": "北采区",
            "volume": 1000,
            "responsible": "黄",
            "deadline": clock.today() + dt.timedelta(days=30),
        },
    )
    quarry = mines.quarry_create(
        actor=county_admin,
        enterprise=enterprise_a,
        data={
            "name": "石岭采石场",
            "expires_on": clock.today() + dt.timedelta(days=400),
            "annual_output": 100_000,
        },
    )
    plan = mines.plan_create(
        actor=county_admin,
        enterprise=enterprise_a,
        data={
            "risks": "边坡失稳",
            "measures": "边坡监测",
            "responsible": "韦",
            "review_on": clock.today() + dt.timedelta(days=180),
        },
        upload=ContentFile(b"%PDF-1.4\n", name="plan.pdf"),
    )
    stock = chemicals.stock_create(
        actor=county_admin, enterprise=enterprise_a, data={"name": "电石", "max_stock_t": 5}
    )
    from anjian.accounts.models import Department
    from anjian.crowded import services as crowded
    from anjian.roads import services as roads

    police = Department.objects.create(code="police_m", name="交警大队")
    owner = Department.objects.create(code="roads_m", name="公路中心")
    section = roads.section_create(
        actor=county_admin,
        data={
            "town": enterprise_a.town,
            "road": "X1",
            "from_km": 1,
            "to_km": 2,
            "kind": "water_cliff",
            "owner": owner,
            "police": police,
        },
        deadline=clock.today() + dt.timedelta(days=30),
    )
    route = roads.route_create(
        actor=county_admin,
        data={
            "name": "校车1号线",
            "town": enterprise_a.town,
            "segments": [{"road": "X1", "from_km": 0, "to_km": 3}],
        },
    )
    place = crowded.place_create(
        actor=county_admin,
        data={"name": "甲镇商场", "town": enterprise_a.town, "place_type": "mall"},
    )
    judgement = crowded.judgement_create(
        actor=county_admin, place=place, data={"judged_on": clock.today(), "finding": "通道堵塞"}
    )
    return {
        "road-sections": section,
        "sections": section,
        "school-bus-routes": route,
        "crowded-places": place,
        "places": place,
        "fire-judgements": judgement,
        "tailings-ponds": pond,
        "pond-points": point,
        "pond-readings": reading,
        "flood-checks": flood_check,
        "mined-out-areas": void,
        "quarries": quarry,
        "mine-plans": plan,
        "chemicals": stock,
    }


def _workforce_records(county_admin, town_a, town_a_officer):
    """An inspector of town A (with a valid certificate, so town A can draw) and its training."""
    from anjian.accounts.units import Unit
    from anjian.workforce import services as workforce

    inspector = workforce.inspector_create(
        actor=county_admin,
        data={
            "name": "王伟",
            "department": Unit.of_town(town_a),
            "certificate_number": "桂执证00001",
            "certificate_issued_on": clock.today() - dt.timedelta(days=400),
            "certificate_expires_on": clock.today() + dt.timedelta(days=30),
        },
    )
    training = workforce.training_create(
        actor=town_a_officer,
        data={
            "title": "执法业务培训",
            "held_on": clock.today() - dt.timedelta(days=2),
            "hours": 8,
            "kind": "inspector",
            "inspectors": [inspector],
        },
    )
    return inspector, training


def _send(client, method: str, path: str):
    with transaction.atomic():
        response = getattr(client, method)(path)
        transaction.set_rollback(True)
    return response


def _outcome(client, path: str):
    response = _send(client, "get", path)
    method = "get"
    if response.status_code == 405:  # a POST-only action: try it (rolled back)
        response = _send(client, "post", path)
        method = "post"
    return method, response


def expected_problem(*, persona, user, code, is_api, segment, method, response, name) -> str | None:
    status = response.status_code
    location = response.get("Location", "") or ""
    if status >= 500:
        return f"{status}"
    if user is None:
        if code == "public":
            return None if status not in (401, 403) else f"{status} for a public view"
        if is_api:
            return None if status in (401, 403) else f"{status}, not 401/403"
        return None if status == 302 and "/login/" in location else f"{status} {location}"
    allowed = has_permission(user, code)
    if persona in OUTSIDERS and segment in TOWN_A and allowed:
        return None if status == 404 else f"{status}, not 404 for town A's record"
    if is_api:
        return None
    if not allowed:
        return None if status == 403 else f"{status}, not 403 without {code!r}"
    if persona in ADMINS and name in COUNTY_ADMIN_EXCEPTIONS:
        expected = COUNTY_ADMIN_EXCEPTIONS[name]
        return None if status == expected else f"{status}, not {expected} for the county admin"
    if persona in ADMINS:
        if method == "get" and status not in (200, 302):
            return f"{status} for the county admin"
        if method == "post" and status in (403, 404):
            return f"{status} for the county admin's POST"
    return None


def test_every_url_as_every_persona(request, client, records):
    client.raise_request_exception = False
    problems, walked = [], 0
    users = {p: request.getfixturevalue(p) if p else None for p in PERSONAS}
    for route, pattern, name in walk(get_resolver().url_patterns):
        callback = pattern.callback
        if (
            callback.__module__.startswith(SKIP_MODULES)
            or pattern.name in SKIP_NAMES
            or "format" in route
        ):
            continue
        code = declared(callback) or "login"
        path, segment = fill(route, records)
        is_api = path.startswith("/api/")
        for persona, user in users.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            method, response = _outcome(client, path)
            problem = expected_problem(
                persona=persona,
                user=user,
                code=code,
                is_api=is_api,
                segment=segment,
                method=method,
                response=response,
                name=name,
            )
            if problem:
                problems.append(f"{method.upper()} {path} as {persona or 'anonymous'}: {problem}")
            walked += 1
    assert walked > 500  # every URL, nine times
    assert not problems, "\n".join(problems)


def test_a_url_without_a_record_is_named():
    with pytest.raises(LookupError, match="no record for 'gadgets'"):
        fill("gadgets/<int:pk>/", {})
