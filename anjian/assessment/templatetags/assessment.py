from django import template

from anjian.assessment import selectors
from anjian.assessment.forms import FindingForm

register = template.Library()


@register.inclusion_tag("assessment/_accident_findings.html", takes_context=True)
def accident_findings(context, accident):
    """The findings block of the accident page (the accident is already in scope)."""
    request = context["request"]
    return {
        "accident": accident,
        "can": context.get("can", {}),
        "csrf_token": context.get("csrf_token"),
        "findings": selectors.finding_list(actor=request.user, accident=accident),
        "form": FindingForm(),
    }
