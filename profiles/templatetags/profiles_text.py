from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def slash_breaks(value: str) -> SafeString:
    """Let a long name break after a slash ("informatiebeheer/ICT/techniek") rather than mid-word."""
    return mark_safe(escape(value).replace("/", "/<wbr>"))
