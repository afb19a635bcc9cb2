from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def wan(value) -> str:
    """An amount in yuan as 万元 with two decimals (12,345,600.00 元 → 1,234.56)."""
    if value in (None, ""):
        return "—"
    return f"{Decimal(value) / 10000:,.2f}"
