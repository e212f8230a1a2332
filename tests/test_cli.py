"""The command line: every command has help, is documented in the README, and reports bad input in one line."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_and_is_in_the_readme(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert f"convenios {command}" in README


def test_schema_command_prints_the_json_schema():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0 and '"title": "Convenio"' in result.output


def test_evaluate_with_no_expected_records_is_one_clear_line(tmp_path):
    (tmp_path / "pred").mkdir()
    (tmp_path / "gold").mkdir()
    result = CliRunner().invoke(main, ["evaluate", str(tmp_path / "pred"), str(tmp_path / "gold")])
    assert result.exit_code != 0
    assert "Error:" in result.output and "Traceback" not in result.output


def test_pipeline_version_names_the_release_and_the_code():
    from extract.pipeline import pipeline_version

    release, _, digest = pipeline_version().partition("+")
    assert release and len(digest) == 10 and int(digest, 16) >= 0
