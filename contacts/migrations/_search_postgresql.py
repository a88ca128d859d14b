"""PostgreSQL's full-text search, as the squashed migration 0003 leaves it (it squashed
migrations once numbered 0016, 0017 and 0019). Later migrations replace functions:
0018 `tracker_phrase_query` (each form of a phrase once), 0019 `tracker_joined_compounds`
(words joined at a zero-width non-joiner too), 0020 `tracker_search_document` (a marker of
the text's rule) and `tracker_phrase_query` again (another rule's forms in its texts only).

Text search configurations built on PostgreSQL's own Snowball dictionaries, without stop
words so that an exact phrase stays exact: `tracker_en_ru` (English for words of ASCII
letters, Russian for others, as PostgreSQL's `russian` configuration does) for English,
Russian or no language; `tracker_german`, `tracker_french`, `tracker_spanish`; and
`tracker_simple` (no stemming) for other languages; accents are removed by `unaccent` where
the extension can be created. Each searchable table gets a stored tsvector column with a
GIN index, computed in the language of the row: a statement's `language`, a citation's
source's, a contact's first citation's source's, a source's own. A generated column cannot
look at another table, so citations and contacts get a `search_language` column, and
contacts a `search_excerpts` column (their citations' excerpts), that triggers keep
current; a contact's document is its summary and its excerpts. The functions name their
schema in their own settings: pg_restore runs with an empty search_path.

A helper of the migrations (the loader skips modules starting with "_"): it imports
nothing from the app.
"""

from django.db import transaction

DOCUMENTS = {  # table: (column, text, language)
    "contacts_statement": ("text_document", "text", "language"),
    "contacts_contact": (
        "search_document",
        "summary || E'\\n' || search_excerpts",
        "search_language",
    ),
    "contacts_citation": ("excerpt_document", "excerpt", "search_language"),
    "contacts_source": ("text_document", "title || E'\\n' || text", "language"),
}
ASCII_WORDS, OTHER_WORDS = "asciiword, asciihword, hword_asciipart", "word, hword, hword_part"
EVERY_WORD = f"{ASCII_WORDS}, {OTHER_WORDS}"
CONFIGS = {  # configuration: {token types: dictionary}
    "tracker_en_ru": {ASCII_WORDS: "tracker_english_stem", OTHER_WORDS: "tracker_russian_stem"},
    "tracker_german": {EVERY_WORD: "tracker_german_stem"},
    "tracker_french": {EVERY_WORD: "tracker_french_stem"},
    "tracker_spanish": {EVERY_WORD: "tracker_spanish_stem"},
    "tracker_simple": {EVERY_WORD: "simple"},
}
LANGUAGES = ("english", "russian", "german", "french", "spanish")


FUNCTIONS = [
    """CREATE FUNCTION tracker_search_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE BEGIN ATOMIC
    SELECT CASE lower(split_part(split_part(btrim(coalesce(language, '')), '-', 1), '_', 1))
        WHEN '' THEN 'tracker_en_ru'::regconfig WHEN 'en' THEN 'tracker_en_ru'::regconfig
        WHEN 'ru' THEN 'tracker_en_ru'::regconfig WHEN 'de' THEN 'tracker_german'::regconfig
        WHEN 'fr' THEN 'tracker_french'::regconfig WHEN 'es' THEN 'tracker_spanish'::regconfig
        ELSE 'tracker_simple'::regconfig END; END""",
    # "de-escalate" also as "deescalate", so that "deescalation" finds it
    """CREATE FUNCTION tracker_joined_compounds(body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE BEGIN ATOMIC
    SELECT coalesce(string_agg(replace(m[1], '-', ''), ' '), '')
    FROM regexp_matches(coalesce(body, ''), '([[:alnum:]]+(-[[:alnum:]]+)+)', 'g') AS m; END""",
    # the stems, then the unstemmed words that are not stems too (for prefix searches);
    # PL/pgSQL computes each part once (a SQL body would parse the text three times)
    """CREATE FUNCTION tracker_search_document(language text, body text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    DECLARE
        full_text text := coalesce(body, '') || ' ' || tracker_joined_compounds(body);
        stems tsvector := to_tsvector(tracker_search_config(language), full_text);
    BEGIN
        RETURN stems || ts_delete(to_tsvector('tracker_simple'::regconfig, full_text),
            tsvector_to_array(stems));
    END $$""",
    """CREATE FUNCTION tracker_phrase_query(words text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE BEGIN ATOMIC
    SELECT phraseto_tsquery('tracker_en_ru'::regconfig, words)
        || phraseto_tsquery('tracker_german'::regconfig, words)
        || phraseto_tsquery('tracker_french'::regconfig, words)
        || phraseto_tsquery('tracker_spanish'::regconfig, words)
        || phraseto_tsquery('tracker_simple'::regconfig, words); END""",
    """CREATE FUNCTION tracker_prefix_query(word text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE BEGIN ATOMIC
    SELECT CASE WHEN w.word = '' THEN ''::tsquery
        ELSE to_tsquery('tracker_simple'::regconfig, '''' || w.word || ''':*') END
    FROM (SELECT regexp_replace(coalesce(word, ''), '[^[:alnum:]]', '', 'g') AS word) w; END""",
    # triggers: a citation's language is its source's; a contact's, its first citation's
    """CREATE FUNCTION tracker_citation_language() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_language := coalesce(
            (SELECT language FROM contacts_source WHERE id = NEW.source_id), '');
        RETURN NEW;
    END $$""",
    """CREATE FUNCTION tracker_contact_language(contact bigint) RETURNS void
    LANGUAGE sql AS $$
    UPDATE contacts_contact k SET search_language = f.language
    FROM (SELECT coalesce((SELECT c.search_language FROM contacts_citation c
        WHERE c.contact_id = contact ORDER BY c.id LIMIT 1), '') AS language) f
    WHERE k.id = contact AND k.search_language IS DISTINCT FROM f.language $$""",
    """CREATE FUNCTION tracker_contact_excerpts(contact bigint) RETURNS void
    LANGUAGE sql AS $$
    UPDATE contacts_contact k SET search_excerpts = f.excerpts
    FROM (SELECT coalesce(string_agg(excerpt, E'\\n' ORDER BY id), '') AS excerpts
        FROM contacts_citation WHERE contact_id = contact) f
    WHERE k.id = contact AND k.search_excerpts IS DISTINCT FROM f.excerpts $$""",
    # a contact's language is its first citation's, its excerpts its citations'
    """CREATE FUNCTION tracker_citation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' AND OLD.contact_id IS NOT NULL THEN
            PERFORM tracker_contact_language(OLD.contact_id);
            PERFORM tracker_contact_excerpts(OLD.contact_id);
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.contact_id IS NOT NULL THEN
            PERFORM tracker_contact_language(NEW.contact_id);
            PERFORM tracker_contact_excerpts(NEW.contact_id);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION tracker_source_language() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE contacts_citation SET search_language = NEW.language
        WHERE source_id = NEW.id AND search_language IS DISTINCT FROM NEW.language;
        RETURN NULL;
    END $$""",
]
TRIGGERS = [
    "CREATE TRIGGER contacts_citation_search_language BEFORE INSERT OR UPDATE OF source_id "
    "ON contacts_citation FOR EACH ROW EXECUTE FUNCTION tracker_citation_language()",
    "CREATE TRIGGER contacts_citation_contact_language AFTER INSERT OR DELETE OR UPDATE OF "
    "contact_id, source_id, search_language, excerpt ON contacts_citation "
    "FOR EACH ROW EXECUTE FUNCTION tracker_citation_changed()",
    "CREATE TRIGGER contacts_source_search_language AFTER UPDATE OF language "
    "ON contacts_source FOR EACH ROW WHEN (OLD.language IS DISTINCT FROM NEW.language) "
    "EXECUTE FUNCTION tracker_source_language()",
]


def run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


FILLED = [  # what the triggers keep, for the rows that are there when the search is set up
    "UPDATE contacts_citation c SET search_language = s.language FROM contacts_source s "
    "WHERE s.id = c.source_id AND s.language <> ''",
    "UPDATE contacts_contact k SET search_language = f.search_language FROM (SELECT "
    "DISTINCT ON (contact_id) contact_id, search_language FROM contacts_citation WHERE "
    "contact_id IS NOT NULL ORDER BY contact_id, id) f WHERE f.contact_id = k.id "
    "AND f.search_language <> ''",
    "UPDATE contacts_contact k SET search_excerpts = f.excerpts FROM (SELECT contact_id, "
    "string_agg(excerpt, E'\\n' ORDER BY id) AS excerpts FROM contacts_citation "
    "WHERE contact_id IS NOT NULL GROUP BY contact_id) f WHERE f.contact_id = k.id",
]


def has_unaccent(schema_editor):
    """Whether the unaccent extension is there or could be created (it needs the right)."""
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent", params=None)
        return True
    except Exception:  # not installed, or not allowed: accents then count
        return False


def configurations(unaccent):
    filtering = "unaccent, " if unaccent else ""
    statements = [
        f"CREATE TEXT SEARCH DICTIONARY tracker_{language}_stem "
        f"(TEMPLATE = snowball, Language = {language})"  # no StopWords: phrases stay exact
        for language in LANGUAGES
    ]
    for name, mappings in CONFIGS.items():
        statements.append(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = simple)")
        for tokens, dictionary in mappings.items():
            statements.append(
                f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {tokens} "
                f"WITH {filtering}{dictionary}"
            )
    return statements


def names_its_schema(definition):
    """Whether a function gets its own search_path (as migrations 0017 and 0019 gave it)."""
    return "plpgsql" in definition or "tracker_contact_excerpts" in definition


def function_name(definition):
    return definition.split("FUNCTION ")[1].split(")")[0] + ")"


def create(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = cursor.fetchone()[0]
    setting = f'SET search_path = "{schema}", pg_catalog'
    functions = [  # those whose bodies are read when called: PL/pgSQL and string bodies
        f.replace(" LANGUAGE ", f" {setting} LANGUAGE ", 1) if names_its_schema(f) else f
        for f in FUNCTIONS
    ]
    statements = [
        *configurations(has_unaccent(schema_editor)),
        "ALTER TABLE contacts_citation ADD COLUMN search_language varchar(10) NOT NULL DEFAULT ''",
        "ALTER TABLE contacts_contact ADD COLUMN search_language varchar(10) NOT NULL DEFAULT ''",
        "ALTER TABLE contacts_contact ADD COLUMN search_excerpts text NOT NULL DEFAULT ''",
        *functions,
        *FILLED,  # the rows already there
    ]
    for table, (column, text, language) in DOCUMENTS.items():
        statements += [
            f"ALTER TABLE {table} ADD COLUMN {column} tsvector GENERATED ALWAYS AS "
            f"(tracker_search_document({language}, {text})) STORED",
            f"CREATE INDEX {table[9:]}_{column} ON {table} USING GIN ({column})",
        ]
    run(schema_editor, statements + TRIGGERS)


def drop(schema_editor):
    statements = [
        "DROP TRIGGER IF EXISTS contacts_citation_search_language ON contacts_citation",
        "DROP TRIGGER IF EXISTS contacts_citation_contact_language ON contacts_citation",
        "DROP TRIGGER IF EXISTS contacts_source_search_language ON contacts_source",
    ]
    for table, (column, _, _) in DOCUMENTS.items():
        statements.append(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {column}")
    statements += [
        "ALTER TABLE contacts_citation DROP COLUMN search_language",
        "ALTER TABLE contacts_contact DROP COLUMN search_language",
        "ALTER TABLE contacts_contact DROP COLUMN search_excerpts",
    ]
    for function in reversed(FUNCTIONS):  # those that others call last
        statements.append(f"DROP FUNCTION IF EXISTS {function_name(function)}")
    statements += [f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}" for name in CONFIGS]
    statements += [
        f"DROP TEXT SEARCH DICTIONARY IF EXISTS tracker_{language}_stem" for language in LANGUAGES
    ]
    run(schema_editor, statements)
