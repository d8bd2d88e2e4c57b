"""A bare head noun that refers back to what the text named before: "de ondernemingsraad … de
raad". Portraits and long vacancy texts name a body once and then say "de raad"; the words after
it ("de raad vergadert", "bereidt de agenda van de raad voor") are about that body.

Which head nouns refer back to which concept is data (lexicon.toml, a concept's `anaphora`). The
head counts as the concept only after the text has named the concept in one word
("ondernemingsraad", "MR"), after an article, and not before "van" ("de raad van bestuur" is
another body). Only the places of the head nouns and of the concept's names are read, so the cost
grows with the text.
"""

from grading.engine.lexicon import Lexicon, Token, stem_positions

ARTICLES = frozenset({"de", "het", "deze", "die"})
OTHER_BODY = "van"


def refer_back(tokens: list[Token], each: list[tuple[str, ...]], lexicon: Lexicon) -> list[tuple[str, ...]]:
    """`each` (every token's own terms) with the concept added to each head noun that refers back."""
    anaphors = lexicon.anaphors
    if not anaphors:
        return each
    positions = stem_positions(tokens)  # only the heads' places are read, not every token
    heads = sorted(i for head in anaphors.keys() & positions.keys() for i in positions[head])
    if not heads:
        return each
    antecedents = lexicon.antecedents
    named = sorted((i, antecedents[name]) for name in antecedents.keys() & positions.keys() for i in positions[name])
    resolved, last, seen, latest = list(each), len(tokens) - 1, 0, {}
    for index in heads:
        while seen < len(named) and named[seen][0] < index:
            latest[named[seen][1]] = each[named[seen][0]]  # the word that last named the concept
            seen += 1
        concept = anaphors[tokens[index].stem]
        if concept in latest and index > 0 and tokens[index - 1].word in ARTICLES and (
            index == last or tokens[index + 1].word != OTHER_BODY
        ):
            resolved[index] = (*each[index], *latest[concept], concept)  # "de raad" is the ondernemingsraad
    return resolved
