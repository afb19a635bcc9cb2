"""Rule settings: the county admin reads every configurable rule with its versions and adds a
new version with an effective date (domain rules: defaults are stored, never overwritten)."""

import json

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anjian.core import clock
from anjian.core.forms import submit
from anjian.core.permissions import requires
from anjian.core.rule_forms import RuleSettingForm
from anjian.core.rules import RULES, rule_setting_change, rule_value, rule_versions


def _shown(value) -> str:
    return json.dumps(value, ensure_ascii=False)


@requires("county_admin")
def rule_settings(request):
    today = clock.today()
    rows = [{"rule": rule, "current": _shown(rule_value(rule.key, on=today)),
             "versions": [(v, _shown(v.value)) for v in rule_versions(rule.key)]}
            for rule in RULES.values()]
    return render(request, "core/rule_settings.html", {"rows": rows, "today": today})


@requires("county_admin")
def rule_setting_new(request, key: str):
    rule = RULES.get(key)
    if rule is None:
        raise Http404
    form = RuleSettingForm(request.POST or None, initial={
        "value": _shown(rule_value(key)), "effective_from": clock.today()})
    done = submit(request, form, lambda data: rule_setting_change(
        actor=request.user, key=key, value=data["value"],
        effective_from=data["effective_from"], note=data["note"]),
        success=_("The new version of the rule was saved."))
    if done:
        return redirect("rule_settings")
    return render(request, "core/rule_setting_form.html", {"rule": rule, "form": form,
                                                           "versions": rule_versions(key)})
