"""`{{ stock.tags|tag_badges }}`: a stock's computed tags as Bootstrap badges (domain-rules §14)."""

from django import template
from django.utils.html import format_html, format_html_join

from anjian.chemicals.forms import badges

register = template.Library()


@register.filter
def tag_badges(tags) -> str:
    found = badges(tags)
    if not found:
        return format_html('<span class="text-muted">—</span>')
    return format_html_join(
        "", '<span class="badge {} me-1">{}</span>', ((css, label) for label, css in found)
    )
