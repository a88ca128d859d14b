from django.db.models.signals import pre_save
from django.dispatch import receiver


@receiver(pre_save)
def fill_derived_fields(sender, instance, **kwargs):
    """Derived fields are filled on every save, raw fixture loads included."""
    if sender._meta.app_label == "contacts" and hasattr(instance, "fill_derived_fields"):
        instance.fill_derived_fields()
