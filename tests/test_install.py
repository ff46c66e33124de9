"""`pip install .` as an office PC does it (a wheel, not editable): the installed copy finds its reference
data and sample inside the package, and imports, audits and exports with no checkout beside it."""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLE


def test_the_sample_in_the_package_is_the_one_of_the_checkout(cli, tmp_path):
    from itemclean.paths import default_reference, sample_catalogue

    for suffix in (".csv", ".xlsx"):
        assert sample_catalogue(suffix).read_bytes() == (SAMPLE.parent / f"linchuan-county{suffix}").read_bytes()
    assert default_reference().parent == ROOT / "itemclean"
    r = cli("sample", "-o", tmp_path / "s.xlsx")
    assert r.exit_code == 0 and (tmp_path / "s.xlsx").read_bytes() == sample_catalogue(".xlsx").read_bytes()


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A wheel built from a copy of the sources, installed without its dependencies into a new venv that
    borrows them from the running environment (a path list, so no editable hook of ours comes along)."""
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "itemclean", src / "itemclean", ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp / "wheels"
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(wheels)],
        cwd=src,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    (wheel,) = wheels.glob("itemclean-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    r = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    purelib = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    deps = [p for p in [*site.getsitepackages(), site.getusersitepackages()] if os.path.isdir(p)]
    (tmp / "venv" / purelib.split(str(venv) + "/", 1)[1] / "borrowed-deps.pth").write_text("\n".join(deps) + "\n")
    return venv, tmp


def _itemclean(venv, cwd, *args, text=True):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ITEMCLEAN_", "PYTHON"))}
    env["ITEMCLEAN_LANG"] = "en"
    return subprocess.run(
        [str(venv / "bin" / "itemclean"), *args], cwd=cwd, capture_output=True, text=text, timeout=120, env=env
    )


@pytest.mark.install
def test_the_installed_package_is_the_wheel_with_its_data(installed):
    venv, tmp = installed
    r = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import itemclean, itemclean.paths as p; print(itemclean.__file__); print(p.default_reference()); "
            "print(p.sample_catalogue())",
        ],
        cwd=tmp,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    module, reference, sample = r.stdout.splitlines()
    assert module.startswith(str(venv)) and reference.startswith(str(venv)) and sample.startswith(str(venv))
    assert str(ROOT) not in r.stdout
    names = sorted(os.listdir(reference))
    assert names == ["cancelled.toml", "fees-jiangling.toml", "fees-national.toml", "instruments.toml", "policy.toml"]


@pytest.mark.install
def test_the_installed_command_imports_audits_and_exports_the_sample(installed):
    venv, tmp = installed
    work = tmp / "office"
    work.mkdir()
    r = _itemclean(venv, work, "sample", "-o", "linchuan.xlsx")
    assert r.returncode == 0, r.stderr
    assert _itemclean(venv, work, "sample", text=False).stdout == SAMPLE.read_bytes()
    r = _itemclean(venv, work, "--db", "c.db", "import", "linchuan.xlsx")
    assert r.returncode == 0, r.stderr
    assert "178 items" in r.stdout
    r = _itemclean(venv, work, "--db", "c.db", "audit", "--format", "json", "--as-of", "2026-12-01")
    assert r.returncode == 1, r.stderr  # the sample carries errors on purpose
    found = json.loads(r.stdout)["findings"]
    rules = {f["rule"] for f in found}
    assert {"basis-repealed", "fee-not-in-catalogue", "item-cancelled"} <= rules  # the reference was read
    r = _itemclean(venv, work, "--db", "c.db", "export", "--draft", "--format", "json", "-o", "out.json")
    assert r.returncode == 0, r.stderr
    assert len(json.loads((work / "out.json").read_text(encoding="utf-8"))) == 178


@pytest.mark.install
def test_the_installed_package_carries_the_compiled_message_catalogues(installed):
    venv, tmp = installed
    program = "import itemclean.messages as m; print(m.mo_path('zh')); print(m.t('no-such-file', 'zh')); "
    program += "print(m.mo_path('en')); print(m.t('no-such-file', 'en'))"
    r = subprocess.run([str(venv / "bin" / "python"), "-c", program], cwd=tmp, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    zh_file, zh, en_file, en = r.stdout.splitlines()
    assert zh_file.startswith(str(venv)) and en_file.startswith(str(venv))
    assert (zh, en) == ("文件不存在", "no such file")
