"""core.forms.submit and flash: the one way a page calls a service."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext as _

from anjian.core.errors import Conflict
from anjian.core.forms import BootstrapMixin, flash, submit

# A message the duty catalogue translates: "上报时间不能早于接报时间。"
REFUSAL = "It cannot be reported before it was received."
REFUSAL_ZH = "上报时间不能早于接报时间。"


class ReportForm(BootstrapMixin, forms.Form):
    event = forms.CharField()
    reported_at = forms.CharField()


def _request(method="post", data=None):
    request = getattr(RequestFactory(), method)("/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _refuse(data):
    raise ValidationError({"reported_at": _(REFUSAL)})


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


def test_a_service_error_is_shown_next_to_its_field_in_chinese():
    form = ReportForm({"event": "车辆侧翻", "reported_at": "09:00"})
    assert submit(_request(), form, _refuse, success="saved") is None
    assert form.errors == {"reported_at": [REFUSAL_ZH]}
    html = render_to_string("_field.html", {"field": form["reported_at"]})
    assert 'name="reported_at"' in html and REFUSAL_ZH in html and "is-invalid" in html
    assert render_to_string("_field.html", {"field": form["event"]}).count("field-error") == 0


def test_a_valid_form_runs_the_service_once_and_says_so():
    calls, request = [], _request()
    form = ReportForm({"event": "车辆侧翻", "reported_at": "10:20"})
    result = submit(
        request,
        form,
        lambda data: calls.append(data) or "done",
        success=lambda result: f"ok: {result}",
    )
    assert result == "done" and calls == [form.cleaned_data]
    assert [m.message for m in get_messages(request)] == ["ok: done"]


def test_a_get_or_an_invalid_form_never_calls_the_service():
    def boom(data):
        raise AssertionError("called")

    assert submit(_request("get"), ReportForm(), boom) is None
    assert submit(_request(), ReportForm({"event": ""}), boom) is None


def test_a_conflict_lands_at_the_top_of_the_form():
    form = ReportForm({"event": "车辆侧翻", "reported_at": "10:20"})

    def conflict(data):
        raise Conflict("已经销号")

    assert submit(_request(), form, conflict) is None
    assert form.non_field_errors() == ["已经销号"]


@pytest.mark.parametrize("refusal", [ValidationError(REFUSAL), Conflict(REFUSAL)])
def test_a_refused_action_flashes_the_reason_and_redirects(refusal):
    request = _request()

    def refuse():
        raise (
            ValidationError(_(REFUSAL))
            if isinstance(refusal, ValidationError)
            else Conflict(_(REFUSAL))
        )

    response = flash(request, refuse, success="不该出现", to="/back/")
    assert response.status_code == 302 and response["Location"] == "/back/"
    assert [(m.level_tag, m.message) for m in get_messages(request)] == [("error", REFUSAL_ZH)]


def test_flash_lets_a_403_through():
    def forbidden():
        raise PermissionDenied

    with pytest.raises(PermissionDenied):
        flash(_request(), forbidden, to="/back/")


def test_flash_with_an_invalid_form_shows_its_errors_and_runs_nothing():
    request = _request()
    response = flash(
        request, lambda: 1 / 0, form=ReportForm({}), invalid="请填写事件和时间", to="/back/"
    )
    assert response.status_code == 302
    assert [m.message for m in get_messages(request)] == ["请填写事件和时间"]
