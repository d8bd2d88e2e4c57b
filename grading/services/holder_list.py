"""A request's function holders as the forms give them: one a line, "naam" or "naam; e-mailadres".

Parsing and replacing the list, shared by the manager's submit form (`submissions`) and the HR
adviser's change before settling (`holders`). No holders means a vacancy: no decision letter.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from grading.models import FunctionHolder, Submission

MAX_HOLDERS = 200
MAX_NAME = 200

HOLDER_NAME_MISSING = "Regel {line} van de functiehouders: schrijf eerst de naam, dan eventueel „; e-mailadres”."
HOLDER_NAME_TOO_LONG = "Regel {line} van de functiehouders: een naam is hoogstens 200 tekens."
HOLDER_EMAIL_INVALID = "Regel {line} van de functiehouders: „{email}” is geen geldig e-mailadres."
HOLDER_LINE = "Regel {line} van de functiehouders: schrijf een functiehouder als „naam” of „naam; e-mailadres”."
HOLDER_TWICE = "Regel {line} van de functiehouders: „{name}” staat er al."
TOO_MANY_HOLDERS = "Hoogstens 200 functiehouders per aanvraag; maak voor meer een tweede aanvraag."


def holders_parse(text: str) -> list[tuple[str, str]]:
    """(name, e-mail) per non-blank line, in order; a ValidationError names the line."""
    holders: list[tuple[str, str]] = []
    seen = set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split(";")
        if len(parts) > 2:
            raise ValidationError(HOLDER_LINE.format(line=number), code="holders")
        name = " ".join(parts[0].split())
        email = parts[1].strip() if len(parts) == 2 else ""
        if not any(character.isalpha() for character in name):
            raise ValidationError(HOLDER_NAME_MISSING.format(line=number), code="holders")
        if len(name) > MAX_NAME:
            raise ValidationError(HOLDER_NAME_TOO_LONG.format(line=number), code="holders")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise ValidationError(HOLDER_EMAIL_INVALID.format(line=number, email=email[:100]), code="holders") from None
        key = (name.casefold(), email.casefold())
        if key in seen:
            raise ValidationError(HOLDER_TWICE.format(line=number, name=name), code="holders")
        seen.add(key)
        holders.append((name, email))
        if len(holders) > MAX_HOLDERS:
            raise ValidationError(TOO_MANY_HOLDERS, code="holders")
    return holders


def holders_text(holders) -> str:
    """The holders back in the form's lines, for a form that edits them."""
    return "\n".join(f"{h.name}; {h.email}" if h.email else h.name for h in holders)


def holders_words(holders: list[tuple[str, str]]) -> str:
    """The list for a history line: names only (an address is no part of the decision)."""
    if not holders:
        return "Geen functiehouder: vacature."
    return "Functiehouders: " + ", ".join(name for name, _ in holders) + "."


def holders_add(submission: Submission, holders: list[tuple[str, str]]) -> None:
    """Give a new request its holders (none: a vacancy, and no query)."""
    if holders:
        FunctionHolder.objects.bulk_create(
            FunctionHolder(submission=submission, position=position, name=name, email=email)
            for position, (name, email) in enumerate(holders, start=1)
        )


def holders_replace(submission: Submission, holders: list[tuple[str, str]]) -> bool:
    """Make the request's holders these (the caller holds its lock); whether anything changed.
    Only before a decision: no letter has gone out to anyone yet."""
    current = [(h.name, h.email) for h in submission.holders.order_by("position", "id")]
    if current == holders:
        return False
    submission.holders.all().delete()
    holders_add(submission, holders)
    return True
