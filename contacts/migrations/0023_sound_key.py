"""A person's and an alias's sound key (`contacts.text.sound_key`: the consonants of the
last word), filled for the names stored and indexed where there is one, so that a search
finding nothing can offer a name it may have meant. Nullable, so that on SQLite the column
is added in place (see migration 0016: a rebuilt contacts_person loses migration 0014's
triggers, which migrating back puts back)."""

from anyascii import anyascii
from django.db import migrations, models


BATCH = 1000
SOUND_SPELLINGS = (("ph", "f"), ("kh", "k"), ("gh", "g"), ("ck", "k"), ("dj", "j"))
SOUNDS = str.maketrans({"q": "k", "c": "k", "x": "k", "v": "f"})


def sound_key(key):  # as contacts.text.sound_key, frozen here
    words = key.split()
    word = "".join(ch for ch in anyascii(words[-1]).lower() if "a" <= ch <= "z") if words else ""
    if len(word) < 4:
        return ""
    for spelled, sound in SOUND_SPELLINGS:
        word = word.replace(spelled, sound)
    consonants = [ch for ch in word.translate(SOUNDS) if ch not in "aeiouyhw"]
    sound = "".join(ch for n, ch in enumerate(consonants) if n == 0 or ch != consonants[n - 1])
    return sound if len(sound) >= 2 else ""


PERSON_TRIGGERS = (  # migration 0014's, on contacts_person (SQLite)
    "CREATE TRIGGER IF NOT EXISTS contacts_personcounts_new_insert AFTER INSERT ON "
    "contacts_person BEGIN INSERT INTO contacts_personcounts (person_id, contacts, statements) "
    "VALUES (NEW.id, 0, 0); END",
    "CREATE TRIGGER IF NOT EXISTS contacts_personcounts_gone_delete AFTER DELETE ON "
    "contacts_person BEGIN DELETE FROM contacts_personcounts WHERE person_id = OLD.id; END",
)


def put_triggers_back(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in PERSON_TRIGGERS:
            schema_editor.execute(statement)


def fill(apps, schema_editor):
    for model in ("Person", "PersonAlias"):
        rows = apps.get_model("contacts", model)._default_manager
        changed = []
        for pk, key in rows.order_by("pk").values_list("pk", "name_key").iterator(BATCH):
            if sound_key(key):
                changed.append(rows.model(pk=pk, sound_key=sound_key(key)))
            if len(changed) == BATCH:
                rows.bulk_update(changed, ["sound_key"])
                changed = []
        rows.bulk_update(changed, ["sound_key"])


def field():
    return models.TextField(editable=False, null=True)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0022_statement_medium_indexed")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, put_triggers_back, elidable=False),
        *(
            migrations.AddField(model_name=model, name="sound_key", field=field())
            for model in ("historicalperson", "historicalpersonalias", "person", "personalias")
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(sound_key__isnull=False),
                fields=["sound_key"],
                name="person_sound_key",
            ),
        ),
        migrations.AddIndex(
            model_name="personalias",
            index=models.Index(
                condition=models.Q(sound_key__isnull=False),
                fields=["sound_key"],
                name="alias_sound_key",
            ),
        ),
    ]
