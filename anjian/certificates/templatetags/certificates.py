from django import template

from anjian.core.pii import mask_id_number

register = template.Library()


@register.filter
def masked_id(value: str) -> str:
    """An identity number as lists show it to everyone: first 6 and last 4 characters."""
    return mask_id_number(value)
