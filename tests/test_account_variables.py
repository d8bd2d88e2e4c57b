"""The environment variables of accounts, two-factor login and single sign-on: settings.py reads
each from the environment, the README's variable tables name each with the default settings.py
really has, and every variable bin/run sets is in the table with what bin/run sets it to."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
ACCOUNT_VARIABLES = {
    "TWO_FACTOR_REQUIRED", "LOCAL_PASSWORDS", "SECURITY_LOG_DAYS", "PASSWORD_RESET_MAILS_PER_HOUR", "INVITATION_HOURS",
}


def variables_read() -> set[str]:
    """The names settings.py reads from the environment."""
    source = (ROOT / "functiewaardering" / "settings.py").read_text()
    return set(re.findall(r'(?:getenv|env_bool|env_list)\(\s*"([A-Z0-9_]+)"', source))


def account_variables() -> set[str]:
    return {name for name in variables_read() if name.startswith("OIDC_") or name in ACCOUNT_VARIABLES}


def readme_rows() -> dict[str, list[list[str]]]:
    """Per variable, the cells of each README table row that names it in its first column."""
    rows: dict[str, list[list[str]]] = {}
    for line in (ROOT / "README.md").read_text().splitlines():
        if not line.startswith("| `"):
            continue
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", line if cells[0].startswith("`OIDC_OP_") else cells[0]):
            rows.setdefault(name, []).append(cells)
    return rows


def settings_without(names: set[str], **variables: str) -> dict:
    """These settings of a fresh start with none of these variables in the environment, but the
    ones given."""
    env = {key: value for key, value in os.environ.items() if key not in names}
    env.update(variables, DJANGO_SETTINGS_MODULE="functiewaardering.settings")
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {sorted(names | variables.keys())!r}}}))"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_every_account_variable_is_read_from_the_environment():
    assert ACCOUNT_VARIABLES <= variables_read()


def test_every_account_and_sign_on_variable_is_in_a_readme_table():
    assert sorted(account_variables() - readme_rows().keys()) == []


def test_the_readme_gives_the_defaults_settings_py_has():
    names = account_variables()
    actual = settings_without(names)
    rows = readme_rows()
    wrong = {}
    for name in sorted(names):
        for cells in rows[name]:
            default = cells[-1]
            if default.startswith(("leeg", "uit")):
                if actual[name] not in ("", [], {}):
                    wrong[name] = (default, actual[name])
                continue
            first = re.match(r"`?([^`;]+?)`?(?:;|$| \()", default)
            assert first, f"{name}: no default in {default!r}"
            value = actual[name]
            if first.group(1) != (value if isinstance(value, str) else str(value)):
                wrong[name] = (default, value)
    assert wrong == {}


def test_every_variable_bin_run_sets_is_in_the_table_with_its_bin_run_value():
    script = (ROOT / "bin" / "run").read_text()
    exported = re.findall(r'export (\w+)="\$\{\1:-([^}"]*)\}"', script)
    assert ("TWO_FACTOR_REQUIRED", "False") in exported
    rows = readme_rows()
    for name, value in exported:
        assert name in rows, f"bin/run sets {name}, the README's table does not name it"
        default = rows[name][0][-1]
        assert "`bin/run` zet" in default, f"{name}: the README does not say what bin/run sets"
        if "$" not in value:
            assert f"`bin/run` zet `{value}`" in default


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("INVITATION_HOURS", "48", 48),
    ("PASSWORD_RESET_MAILS_PER_HOUR", "5", 5),
    ("SECURITY_LOG_DAYS", "90", 90),
])
def test_a_number_in_the_environment_is_used(name, value, expected):
    assert settings_without({name}, **{name: value})[name] == expected


@pytest.mark.parametrize("name", ["INVITATION_HOURS", "PASSWORD_RESET_MAILS_PER_HOUR"])
@pytest.mark.parametrize("value", ["drie", "0", "-1", "1e3"])
def test_a_typo_stops_the_start(name, value):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="functiewaardering.settings", **{name: value})
    code = "from django.conf import settings; settings.INSTALLED_APPS"
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode != 0 and f"{name} must be a whole number" in result.stderr
