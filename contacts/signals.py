from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import Contact, OrganisationName
from .models.base import EditedRecord


@receiver(pre_save)
def fill_derived_fields(sender, instance, raw=False, **kwargs):
    """Derived fields are filled on every save, raw fixture loads included; every edit of a
    stored record raises its version (the loader sets it itself)."""
    if sender._meta.app_label != "contacts":
        return
    if hasattr(instance, "fill_derived_fields"):
        instance.fill_derived_fields()
    if isinstance(instance, EditedRecord) and not raw and not instance._state.adding:
        instance.version += 1


@receiver(post_save, sender="contacts.Participant")
@receiver(post_delete, sender="contacts.Participant")
@receiver(post_save, sender="contacts.Citation")
@receiver(post_delete, sender="contacts.Citation")
def refresh_contact_summary(sender, instance, **kwargs):
    """Keep a contact's initiator, participant and source columns current (raw loads too)."""
    if instance.contact_id:
        Contact.objects.filter(pk=instance.contact_id).refresh_summaries()


@receiver(post_save, sender="contacts.Contact")
def copy_contact_date(sender, instance, **kwargs):
    """Participants carry their contact's dates (see Participant.contact_date, contact_end)."""
    start, end = instance.date_start, instance.date_end
    instance.participants.exclude(contact_date=start, contact_end=end).update(
        contact_date=start, contact_end=end
    )


NAMED = ("name", "slug")  # what a contact's stored participants say of a person or country


@receiver(pre_save, sender="contacts.Person")
@receiver(pre_save, sender="contacts.Country")
def note_renaming(sender, instance, raw=False, **kwargs):
    fields = [name for name in NAMED if hasattr(instance, name)]
    stored = sender.objects.filter(pk=instance.pk).values_list(*fields).first()
    instance._renamed = stored is not None and stored != tuple(getattr(instance, f) for f in fields)


@receiver(post_save, sender="contacts.Person")
@receiver(post_save, sender="contacts.Country")
def refresh_participant_names(sender, instance, created, **kwargs):
    """A person's or country's name is written into their contacts' `initiator_label` and
    `participant_text`: a rename rewrites them (other edits, and new records, need not)."""
    if getattr(instance, "_renamed", True) and not created:
        Contact.objects.with_participants(**{sender._meta.model_name: instance}).refresh_summaries()


@receiver(post_save, sender="contacts.Organisation")
def refresh_organisation_names(sender, instance, **kwargs):
    """The keys a search finds an organisation by follow its names (raw loads too)."""
    keys = instance.name_keys()
    instance.names_searched.exclude(name_key__in=keys).delete()
    kept = set(instance.names_searched.values_list("name_key", flat=True))
    OrganisationName.objects.bulk_create(
        OrganisationName(organisation=instance, name_key=key) for key in keys - kept
    )
