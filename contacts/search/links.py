"""Links a searched list offers beside its rows: each person the search names, with this
list of theirs (`people_links`), the search with an "or" typed in lower case in capitals
(`either_link`), and a date typed in the search as the list's date filter (`date_link`);
each keeps the list's other filters."""

import re

from .syntax import QUOTES

MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"  # January, Jan.
DAY = r"(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"  # on Friday,
# A whole date written out: "3 January 2020", "January 3, 2020", "Jan. 3rd 2020", "2020-01-03"
# (with "on" and its weekday before it, taken out with it); not in quotes, not excluded.
TYPED_DATE = re.compile(
    rf"(?<![\w\-\u2013\u2014\u2212\"])(?P<date>{DAY}(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?"
    rf"\s+\d{{4}}|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}))"
    rf"(?![\w\"])",
    re.IGNORECASE,
)
DAY_BEFORE = re.compile(DAY, re.IGNORECASE)

# "or" in lower case between two words; a quoted phrase is matched whole, and kept as typed
LOWERCASE_OR = re.compile(r'"[^"]*"?|(?<=\S)(\s+)(?!OR)[oO][rR](?=\s+\S)')


DANGLING = re.compile(r"^(?:(?:OR|AND)\s+)+|(?:\s+(?:OR|AND))+$", re.IGNORECASE)


def without_words(text, words):
    """`text` without the typed `words` (a name, with a possessive's 's); when the name is
    one side of an OR (in any case), without the OR and the word on its other side too: the
    list is the name's. Any OR or AND left at either end is dropped; "" when nothing else
    is left."""
    if not words:
        return ""
    run = r"\s+".join(map(re.escape, words.split()))
    name = rf"(?i:\S+\s+or\s+)?(?<!\w)(?i:{run})(?:['\u2019]s)?(?!\w)(?i:\s+or\s+\S+)?"
    return DANGLING.sub("", " ".join(re.sub(name, " ", text).split()))


class SearchLinks:
    """For a filter set with a parsed `search_query`, its `data` and a `person_param`."""

    def people_links(self):
        """[(text, address)]: for each person the search names, this list of theirs, the
        other filters kept (not for someone the stored counts give none of the list's rows).
        A statement's speaker is not in its text: "Rouhani" finds what was said of him, the
        link what he said; likewise a contact's participants."""
        query = self.search_query
        if not (query and query.people and self.person_param):
            return []
        kept = self.parameters_but("q", "expand", "page", self.person_param, relevance=False)
        links = []
        for name in query.people:
            counted = self.person_counted
            if counted is not None and query.listed.get(name, (1, 1))[counted] == 0:
                continue  # their list would be empty
            data = kept.copy()
            data[self.person_param] = name
            text = self.person_link_text.format(name)
            if rest := without_words(query.text, query.named_by.get(name, "")):
                data["q"] = rest  # the other words typed: "Khamenei vengeance"
                text = f"{text} with “{rest}”"
            links.append((text, f"?{data.urlencode()}"))
        return links

    def either_link(self):
        """(text, address) of the search with each "or" typed in lower case between two
        words (searched as a word) in capitals, which finds the rows holding either word
        beside it; None when the search reads no such "or" (`Query.lowercase_or`)."""
        query = self.search_query
        if not (query and query.lowercase_or):
            return None
        typed = query.text.translate(QUOTES)  # as the search read its quotes
        text = LOWERCASE_OR.sub(lambda m: m[0] if m[0].startswith('"') else f"{m[1]}OR", typed)
        if text == typed:
            return None
        data = self.parameters_but("q", "page")
        data["q"] = text
        return text, f"?{data.urlencode()}"

    def date_link(self):
        """(date as typed, the date, address) of this list filtered to the first whole date
        typed in its search, the date taken out of the search (it was searched as words,
        which a report seldom writes so); None when the search holds none, or the list has
        no date filter."""
        query = self.search_query
        if not (query and "date_from" in self.filters):
            return None
        text = query.text.translate(QUOTES)
        typed = TYPED_DATE.search(text)
        if not typed or '"' in text or re.search(r"\bOR\b", text, re.IGNORECASE):
            return None  # a date in quotes, or one side of an OR, is the analyst's own
        import dateparser  # as intake.dates: half a second, on the first date only

        date = DAY_BEFORE.sub("", typed["date"], count=1).replace(".", " ")
        found = dateparser.parse(date, languages=["en"], settings={"STRICT_PARSING": True})
        if not found:
            return None
        data = self.parameters_but("q", "page", "date_from", "date_to")
        rest = " ".join((text[: typed.start()] + " " + text[typed.end() :]).split())
        if rest:
            data["q"] = rest
        data["date_from"] = data["date_to"] = f"{found:%Y-%m-%d}"
        return typed["date"], f"{found.day} {found:%B %Y}", f"?{data.urlencode()}"
