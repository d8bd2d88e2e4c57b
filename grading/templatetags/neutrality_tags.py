"""`{% neutrality_for snapshot family catalogue_key as neutrality %}`: the check for the result
partial, so the result page and the report get it without a change to their views. The catalogue
key comes from `result_view`, so the page reads it once."""

from django import template

from grading.submission_neutrality import neutrality_view

register = template.Library()


@register.simple_tag
def neutrality_for(snapshot, family=None, catalogue_key=None):
    return neutrality_view(snapshot=snapshot, family=family or None, key=catalogue_key or None)
