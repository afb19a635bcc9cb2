from django import template

from anjian.accidents.bulletin import delay_text

register = template.Library()


@register.filter
def delay(value) -> str:
    """A timedelta as 1小时5分钟 (the time between the accident and the county's receipt)."""
    return delay_text(value) if value is not None else ""
