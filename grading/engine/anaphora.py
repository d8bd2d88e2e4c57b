"""A bare head noun that refers back to what the text named before: "de ondernemingsraad … de
raad". Portraits and long vacancy texts name a body once and then say "de raad"; the words after
it ("de raad vergadert", "bereidt de agenda van de raad voor") are about that body.

Which head nouns refer back to which concept is data (lexicon.toml, a concept's `anaphora`). The
head counts as the concept only after the text has named the concept in one word
("ondernemingsraad", "MR"), after an article, and not before "van" ("de raad van bestuur" is
another body). One pass over the tokens, so the cost grows with the text.
"""

from grading.engine.lexicon import Lexicon, Token

ARTICLES = frozenset({"de", "het", "deze", "die"})
OTHER_BODY = "van"


def refer_back(tokens: list[Token], each: list[tuple[str, ...]], lexicon: Lexicon) -> list[tuple[str, ...]]:
    """`each` (every token's own terms) with the concept added to each head noun that refers back."""
    anaphors = lexicon.anaphors
    if not anaphors:
        return each
    concepts = lexicon.concepts
    named: dict[str, tuple[str, ...]] = {}  # concept -> the terms of the word that last named it
    resolved = None
    last = len(tokens) - 1
    for index, token in enumerate(tokens):
        concept = anaphors.get(token.stem)
        if concept in named and index > 0 and tokens[index - 1].word in ARTICLES and (
            index == last or tokens[index + 1].word != OTHER_BODY
        ):
            resolved = resolved or list(each)
            resolved[index] = (*each[index], *named[concept], concept)  # "de raad" is the ondernemingsraad
            continue
        own = concepts.get((token.stem,))
        if own is not None:
            named[own] = each[index]
    return resolved or each
