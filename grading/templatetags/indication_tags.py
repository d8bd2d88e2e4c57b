"""`{{ submission|indication }}`: a request's grade in one line, as grading/result_display.py decides."""

from django import template

from grading.result_display import Indication, indication as indication_of

register = template.Library()


@register.filter
def indication(submission) -> Indication:
    return indication_of(submission)
