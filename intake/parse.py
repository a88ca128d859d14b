"""A parsed sentence and the people it mentions: who hangs from which word.

Shared by the contact and statement readers: a mention belongs to a word of the parse when
it hangs from it through names, titles and lists only ("Secretary of State Mike Pompeo",
"A, B and C"), not through a clause ("…to eliminate Soleimani").
"""

PRONOUNS = {"he", "she", "his", "her"}
NAME_LINKS = set(
    "compound appos conj flat nmod poss amod npadvmod nummod det punct cc dep prep pobj".split()
)


def with_conjuncts(token):
    found = [token]
    for child in token.children:
        if child.dep_ == "conj":
            found += with_conjuncts(child)
    return found


class Sentence:
    """One parsed sentence with the people mentioned in it."""

    def __init__(self, span, offset, mentions, resolver):
        self.span, self.offset = span, offset
        self.start = offset + span.start_char
        self.end = offset + span.end_char
        self.mentions = [m for m in mentions if self.start <= m["start"] < self.end]
        self.resolver = resolver
        self.context_date = None  # (date, words) of the sentence before, same paragraph

    def token_at(self, mention):
        """The mention's head token: the one whose head lies outside the mention."""
        doc = self.span.doc
        start, end = mention["start"] - self.offset, mention["end"] - self.offset
        tokens = [t for t in self.span if start <= t.idx < end]
        heads = [t for t in tokens if not (start <= t.head.idx < end) or t.head == t]
        return heads[0] if heads else (tokens[0] if tokens else doc[0])

    def attached(self, mention, target):
        """Whether a mention hangs from `target` through names, titles and lists only, not
        through a clause or preposition ("…eliminate Soleimani" is not a participant)."""
        token = self.token_at(mention)
        while token != target:
            if token.dep_ not in NAME_LINKS or token.head == token:
                return False
            token = token.head
        return True

    def people_in(self, tokens):
        """Mentions attached to `tokens` (pronouns resolved to the last salient person)."""
        found = []
        for token in tokens:
            subtree = list(token.subtree)
            start = self.offset + subtree[0].idx
            end = self.offset + subtree[-1].idx + len(subtree[-1])
            inside = [
                m for m in self.mentions if start <= m["start"] < end and self.attached(m, token)
            ]
            if not inside and token.pos_ == "PRON" and token.lower_ in PRONOUNS:
                inside = [m for m in [self.resolver(self.offset + token.idx)] if m]
            found += [m for m in inside if m not in found]
        return found
