"""Start-up check: the pinned English model is installed and is the one intake expects."""

from django.core import checks

from .nlp import ModelMissing, model_meta


@checks.register()
def english_model_installed(app_configs=None, **kwargs):
    try:
        model_meta()
    except ModelMissing as error:
        return [checks.Error(str(error), id="intake.E001")]
    return []
