"""`{% family_neutrality family as summary %}` for the family page's sekseneutraliteit section;
the family page body is cached per catalogue version, so this runs once per version."""

from django import template

from profiles import neutrality

register = template.Library()


@register.simple_tag
def family_neutrality(family):
    return neutrality.family_summary(family)
