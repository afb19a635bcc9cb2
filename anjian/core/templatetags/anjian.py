from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs) -> str:
    """The current query string with some parameters replaced (pagination keeps filters)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def pii(context, value, kind: str = "phone") -> str:
    """A phone or identity number as the viewing user may see it in a list (masked for all but
    the county admin): `{% pii enterprise.phone %}`, `{% pii c.id_number "id_number" %}`."""
    from anjian.core.pii import mask

    return mask(context["request"].user, value, kind)


@register.simple_tag
def readable_timeline(entries):
    """The audit entries of a record's timeline as people read them (labels, names, choices),
    foreign keys resolved in bulk: `{% readable_timeline timeline as rows %}`."""
    from anjian.core.audit_display import readable

    return readable(entries)
