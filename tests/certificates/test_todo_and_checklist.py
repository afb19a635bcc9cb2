"""The register answers the checklist's special-operation item, and gives the enterprise its
`certificate_expiring` tasks for the todo workbench."""

import pytest

from anjian.certificates import services
from anjian.certificates.selectors import todo_tasks
from tests.certificates.conftest import cert_data, days, id_number
from tests.inspections.conftest import checklist  # noqa: F401 - a fixture, found by name

pytestmark = pytest.mark.django_db


def _record(actor, **extra):
    return services.certificate_create(actor=actor, data=cert_data(**extra))


def test_the_checklist_item_shows_the_units_invalid_special_operation_certificates(
    login,
    town_a_officer,
    enterprise_user,
    enterprise_a,
    checklist,  # noqa: F811
):
    expired = _record(
        enterprise_user, holder="王五", id_number=id_number(5), number="S-1", issued_on=days(-2200)
    )
    overdue = _record(
        enterprise_user, holder="赵六", id_number=id_number(6), number="S-2", issued_on=days(-1200)
    )
    _record(enterprise_user, holder="钱七", id_number=id_number(7), number="S-3")  # valid
    _record(
        enterprise_user,
        holder="孙八",
        number="P-1",
        kind="principal",
        category="",
        issued_on=days(-1200),
    )  # expired, but not a special operation
    url = f"/inspections/new/?enterprise={enterprise_a.pk}&checklist={checklist.pk}"
    page = login(town_a_officer).get(url)
    items = {item.number: item for item in page.context["form"].items}
    assert [c.pk for c in items[1].register_answer] == [expired.pk, overdue.pk]
    assert not hasattr(items[2], "register_answer")
    html = page.content.decode()
    assert "王五" in html and "赵六" in html and "钱七" not in html and "孙八" not in html


def test_a_unit_with_valid_certificates_is_answered_so(
    login,
    town_a_officer,
    enterprise_user,
    enterprise_a,
    checklist,  # noqa: F811
):
    _record(enterprise_user)
    url = f"/inspections/new/?enterprise={enterprise_a.pk}&checklist={checklist.pk}"
    page = login(town_a_officer).get(url)
    assert page.context["form"].items[0].register_answer == []
    assert "register-answer" in page.content.decode()


def test_todo_tasks_list_what_expires_in_one_query_and_drop_a_renewed_one(
    enterprise_user, town_a_officer, django_assert_num_queries
):
    expiring = _record(
        enterprise_user, kind="principal", category="", number="P-1", issued_on=days(-1090)
    )
    expired = _record(
        enterprise_user, kind="safety_manager", category="", number="M-1", issued_on=days(-1100)
    )
    review = _record(enterprise_user, number="S-1", issued_on=days(-1080))
    _record(enterprise_user, number="S-2", id_number=id_number(9), issued_on=days(-10))
    with django_assert_num_queries(1):
        tasks = todo_tasks(enterprise_user)
    assert [t["url"] for t in tasks] == [
        expired.get_absolute_url(),
        expiring.get_absolute_url(),
        review.get_absolute_url(),
    ]
    assert {t["kind"] for t in tasks} == {"certificate_expiring"}
    assert [t["overdue"] for t in tasks] == [True, False, False]
    assert set(tasks[0]) == {"kind", "title", "url", "due", "overdue"}
    assert tasks[2]["due"] == review.review_on
    services.certificate_create(
        actor=enterprise_user,
        data=cert_data(kind="principal", category="", number="P-2", issued_on=days(0)),
    )
    assert expiring.get_absolute_url() not in [t["url"] for t in todo_tasks(enterprise_user)]
    assert todo_tasks(town_a_officer) == []
