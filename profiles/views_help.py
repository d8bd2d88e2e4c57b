"""Help pages: the file format of the catalogue, from the same lists the spreadsheet uses."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from profiles.catalogue import error_list, spreadsheet


@require_safe
def file_format(request: HttpRequest) -> HttpResponse:
    """Public: the format is open, like the catalogue's JSON."""
    explained = dict(row for row in spreadsheet.INSTRUCTIONS if row[0] and row[1])
    sheets = [
        {"title": title, "columns": [spreadsheet.column_name(key) for key in columns], "text": explained.get(title, "")}
        for title, columns in spreadsheet.SHEETS.items()
    ]
    context = {"sheets": sheets, "max_errors": error_list.MAX_ERRORS}
    return render(request, "profiles/file_format.html", context)
