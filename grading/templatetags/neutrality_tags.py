"""`{% neutrality_for snapshot family as neutrality %}`: the check for the result partial, so the
result page and the report get it without a change to their views."""

from django import template

from grading.submission_neutrality import neutrality_view

register = template.Library()


@register.simple_tag
def neutrality_for(snapshot, family=None):
    return neutrality_view(snapshot=snapshot, family=family or None)
