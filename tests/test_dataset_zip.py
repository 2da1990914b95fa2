"""The dataset zip as the Sources page hands it out, unpacked and checked by the two command lines a recipient would run:
the project's own `python -m techrift validate` and the reference validator, `frictionless validate`."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from apptest_helpers import ROOT

from techrift import export


@pytest.mark.slow
def test_the_unpacked_zip_passes_both_validators_on_the_command_line(dataset, tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(export.dataset_zip(dataset))) as archive:
        archive.extractall(tmp_path)
    ours = subprocess.run(
        [sys.executable, "-m", "techrift", "validate", str(tmp_path / "data")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ours.returncode == 0, ours.stdout + ours.stderr
    assert ours.stdout.startswith(f"data OK ({tmp_path / 'data'}), version {dataset.release.version}")
    frictionless = Path(sys.executable).with_name("frictionless")
    reference = subprocess.run(
        [str(frictionless), "validate", str(tmp_path / "data" / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert reference.returncode == 0, reference.stdout[-3000:]
    assert reference.stdout.count("VALID") == len(export.dataset_tables(dataset))
