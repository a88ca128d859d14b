"""Offices and nationalities as reports write them: "German Foreign Minister Heiko Maas".

A hand-written table: the demonyms and country names of the countries diplomatic reports
name most, and the words offices are made of. Both are small, closed vocabularies that no
maintained package provides in this shape (pycountry has names and codes, not demonyms).
"""

from contacts.models import Role

COUNTRIES = {  # demonym or name as written -> (ISO code, English name)
    "american": ("US", "United States"),
    "u.s.": ("US", "United States"),
    "us": ("US", "United States"),
    "united states": ("US", "United States"),
    "british": ("GB", "United Kingdom"),
    "u.k.": ("GB", "United Kingdom"),
    "uk": ("GB", "United Kingdom"),
    "britain": ("GB", "United Kingdom"),
    "united kingdom": ("GB", "United Kingdom"),
    "german": ("DE", "Germany"),
    "germany": ("DE", "Germany"),
    "french": ("FR", "France"),
    "france": ("FR", "France"),
    "russian": ("RU", "Russia"),
    "russia": ("RU", "Russia"),
    "chinese": ("CN", "China"),
    "china": ("CN", "China"),
    "iranian": ("IR", "Iran"),
    "iran": ("IR", "Iran"),
    "iraqi": ("IQ", "Iraq"),
    "iraq": ("IQ", "Iraq"),
    "saudi": ("SA", "Saudi Arabia"),
    "saudi arabia": ("SA", "Saudi Arabia"),
    "pakistani": ("PK", "Pakistan"),
    "pakistan": ("PK", "Pakistan"),
    "afghan": ("AF", "Afghanistan"),
    "afghanistan": ("AF", "Afghanistan"),
    "indian": ("IN", "India"),
    "india": ("IN", "India"),
    "israeli": ("IL", "Israel"),
    "israel": ("IL", "Israel"),
    "canadian": ("CA", "Canada"),
    "canada": ("CA", "Canada"),
    "colombian": ("CO", "Colombia"),
    "colombia": ("CO", "Colombia"),
    "belarusian": ("BY", "Belarus"),
    "belarus": ("BY", "Belarus"),
    "turkish": ("TR", "Turkey"),
    "turkey": ("TR", "Turkey"),
    "emirati": ("AE", "United Arab Emirates"),
    "kuwaiti": ("KW", "Kuwait"),
    "kuwait": ("KW", "Kuwait"),
    "omani": ("OM", "Oman"),
    "oman": ("OM", "Oman"),
    "qatari": ("QA", "Qatar"),
    "qatar": ("QA", "Qatar"),
    "brazilian": ("BR", "Brazil"),
    "brazil": ("BR", "Brazil"),
    "egyptian": ("EG", "Egypt"),
    "egypt": ("EG", "Egypt"),
    "jordanian": ("JO", "Jordan"),
    "jordan": ("JO", "Jordan"),
    "italian": ("IT", "Italy"),
    "italy": ("IT", "Italy"),
    "spanish": ("ES", "Spain"),
    "spain": ("ES", "Spain"),
    "ukrainian": ("UA", "Ukraine"),
    "ukraine": ("UA", "Ukraine"),
    "japanese": ("JP", "Japan"),
    "japan": ("JP", "Japan"),
    "korean": ("KR", "South Korea"),
    "north korean": ("KP", "North Korea"),
    "peruvian": ("PE", "Peru"),
    "venezuelan": ("VE", "Venezuela"),
    "mexican": ("MX", "Mexico"),
    "syrian": ("SY", "Syria"),
    "lebanese": ("LB", "Lebanon"),
    "australian": ("AU", "Australia"),
}

DEMONYMS = {}  # ISO code -> demonym: the first spelling listed for each country
for _written, (_code, _name) in COUNTRIES.items():
    DEMONYMS.setdefault(_code, _written.upper() if "." in _written else _written.title())

TITLE_WORDS = set(
    "secretary external minister president prime foreign affairs defense defence state chancellor "
    "crown prince king emir sheikh chief army ambassador federal deputy vice chairman "
    "general gen. envoy special representative adviser advisor national security "
    "spokesman spokeswoman spokesperson leader supreme commander of for the politburo "
    "member top diplomat senior official counterpart".split()
)

ROLES = [  # (words that must all appear in the title, role), most specific first
    ({"foreign", "minister"}, Role.FOREIGN_MINISTER),
    ({"foreign", "secretary"}, Role.FOREIGN_MINISTER),
    ({"secretary", "state"}, Role.FOREIGN_MINISTER),
    ({"foreign", "affairs"}, Role.FOREIGN_MINISTER),
    ({"external", "affairs"}, Role.FOREIGN_MINISTER),
    ({"top", "diplomat"}, Role.FOREIGN_MINISTER),
    ({"defense"}, Role.DEFENCE_MINISTER),
    ({"defence"}, Role.DEFENCE_MINISTER),
    ({"prime", "minister"}, Role.HEAD_OF_GOVERNMENT),
    ({"chancellor"}, Role.HEAD_OF_GOVERNMENT),
    ({"vice", "president"}, Role.DEPUTY_HEAD),
    ({"crown", "prince"}, Role.DEPUTY_HEAD),
    ({"president"}, Role.HEAD_OF_STATE),
    ({"king"}, Role.HEAD_OF_STATE),
    ({"emir"}, Role.HEAD_OF_STATE),
    ({"ambassador"}, Role.AMBASSADOR),
    ({"spokesman"}, Role.SPOKESPERSON),
    ({"spokeswoman"}, Role.SPOKESPERSON),
    ({"spokesperson"}, Role.SPOKESPERSON),
    ({"chief"}, Role.MILITARY_COMMANDER),
    ({"commander"}, Role.MILITARY_COMMANDER),
    ({"general"}, Role.MILITARY_COMMANDER),
    ({"minister"}, Role.MINISTER),
]


def country_of(words):
    """(code, name) of the first demonym or country name in `words`, or None."""
    lowered = [w.lower() for w in words]
    for index in range(len(lowered)):
        for size in (2, 1):
            phrase = " ".join(lowered[index : index + size])
            if phrase in COUNTRIES:
                return COUNTRIES[phrase]
    return None


def role_of(title):
    words = set(title.lower().replace(",", " ").split())
    return next((role for needed, role in ROLES if needed <= words), Role.OTHER)


def office_before(entity):
    """(title, country code) written just before a name: "German Foreign Minister Maas"."""
    tokens = []
    token = entity.start - 1
    while token >= 0 and len(tokens) < 8:
        word = entity.doc[token]
        lowered = word.text.lower()
        if lowered in TITLE_WORDS or lowered in COUNTRIES or word.text in ("U.S.", "U.K."):
            tokens.insert(0, word.text)
            token -= 1
            continue
        break
    while tokens and tokens[0].lower() in {"of", "for", "the"}:
        tokens.pop(0)
    country = country_of(tokens)
    title_words = [w for w in tokens if w.lower() not in COUNTRIES and w not in ("U.S.", "U.K.")]
    title = " ".join(title_words).strip()
    if title.lower() in {"the", ""}:
        title = ""
    return title[:1].upper() + title[1:], country[0] if country else None
