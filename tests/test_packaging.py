"""Installed like any library: the code lists, notebooks and sample ship in the wheel and work from any folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from analysis.resources import SAMPLE_NAME, notebooks_dir, reference_csv, sample_pdf

from .conftest import ROOT, SAMPLE_PDF

#: what the repository holds and the package must carry
SHIPPED = [
    "analysis/resources/2023_chengdu_etemc_budget.pdf",
    "analysis/resources/reference/function_classes.csv",
    "analysis/resources/reference/econ_classes.csv",
    *[f"analysis/resources/notebooks/{p.name}" for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))],
]


def test_the_package_reaches_its_files_through_importlib_resources():
    assert sample_pdf().name == SAMPLE_NAME and sample_pdf().read_bytes() == SAMPLE_PDF.read_bytes()
    assert sorted(p.name for p in notebooks_dir().glob("*.ipynb")) == sorted(
        p.name for p in (ROOT / "notebooks").glob("*.ipynb")
    )
    assert (
        reference_csv("function_classes.csv").read_bytes()
        == (ROOT / "data/reference/function_classes.csv").read_bytes()
    )


def _run(args: list, cwd: Path, env: dict, check_output: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=900)
    if check_output:
        assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment with the wheel built from this repository installed in it, as a user would.

    The wheel is built from a copy of the repository (no stale build folder) and installed with its
    dependencies by pip (from the package index: this needs the network, as any install does).
    """
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    ignore = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "fixtures")
    shutil.copytree(ROOT, source, symlinks=True, ignore=ignore)
    dist = work / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("budget_tables-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # a checkout on PYTHONPATH would be taken for the package already installed (its egg-info), and nothing installed
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", str(wheel)], capture_output=True, text=True, env=env
    )
    assert install.returncode == 0, install.stderr
    site = subprocess.check_output(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True, env=env
    )
    site = Path(site.strip())
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env['PATH']}"
    env["BUDGET_CACHE_DIR"] = str(work / "cache")  # the installed package reads everything afresh
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    return {"wheel": wheel, "python": python, "bin": env_dir / "bin", "env": env, "cwd": elsewhere, "site": site}


@pytest.mark.slow
def test_the_wheel_carries_the_code_lists_the_notebooks_and_the_sample(installed):
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    assert set(SHIPPED) <= set(names)
    assert not [n for n in names if n.startswith(("data/", "notebooks/", "tests/"))]


@pytest.mark.slow
def test_the_installed_wheel_runs_every_command_from_another_folder(installed):
    cwd, env, cli = installed["cwd"], installed["env"], str(installed["bin"] / "budget-tables")
    where = _run([installed["python"], "-c", "import analysis; print(analysis.__file__)"], cwd, env)
    assert where.stdout.strip().startswith(str(installed["site"]))  # the wheel's copy, not the repository
    checked = _run([installed["python"], "-m", "pip", "check"], cwd, env)
    assert checked.returncode == 0, checked.stdout  # the wheel's declared dependencies are all there
    sample = _run(
        [installed["python"], "-c", "from analysis.resources import sample_pdf; print(sample_pdf())"], cwd, env
    )
    sample_path = sample.stdout.strip()
    assert sample_path.startswith(str(installed["site"]))

    report = _run([cli, "report", "--out", "report"], cwd, env)
    assert report.returncode == 0, report.stderr
    assert "IPKernelApp" not in report.stderr and "WARNING" not in report.stderr
    index = (cwd / "report" / "index.html").read_text(encoding="utf-8")
    assert "成都市教育技术装备管理中心 · 2023 · 预算 · 单位代码 358643" in index
    assert index.count('<img alt="chart" src="data:image/png;base64,') == 2
    assert len(list((cwd / "report" / "notebooks").glob("*.ipynb"))) == 6
    assert all((cwd / "report" / f"{p.stem}.html").exists() for p in (cwd / "report" / "notebooks").glob("*.ipynb"))

    check = _run([cli, "check", sample_path, "--format", "json"], cwd, env)
    assert check.returncode == 1  # the sample's genuine inconsistencies
    assert {f["rule"] for f in json.loads(check.stdout) if f["severity"] == "error"} >= {"N01", "N04", "X04"}

    extract = _run([cli, "extract", sample_path, "--out", "extracted"], cwd, env)
    assert extract.returncode == 0 and "26 tables, 648 amounts" in extract.stdout
    assert (cwd / "extracted" / "tidy.csv").exists() and (cwd / "extracted" / "datapackage.json").exists()

    folder = cwd / "pdfs"
    folder.mkdir()
    shutil.copy(sample_path, folder)
    (folder / "truncated.pdf").write_bytes(Path(sample_path).read_bytes()[:30000])
    corpus = _run([cli, "corpus", "pdfs", "--out", "panel", "--workers", "2"], cwd, env)
    assert corpus.returncode == 1 and "1 documents read, 1 failed" in corpus.stdout  # the truncated copy
    assert (cwd / "panel" / "corpus.duckdb").exists() and (cwd / "panel" / "failures.csv").exists()

    # budget against final accounts: the pair is the repository's, not the wheel's
    swu = [
        ROOT / "tests" / "fixtures" / "realworld" / f"swu_2023_{n}.pdf" for n in ("department_budget", "final_accounts")
    ]
    compared = _run([cli, "compare", *map(str, swu)], cwd, env)
    assert compared.returncode == 0 and "belong together: same unit (西南大学), same year (2023)" in compared.stdout
    needs = _run(
        [installed["python"], "-c", "from analysis import budget_execution as b; print(b.for_notebook().statement)"],
        cwd,
        env,
    )
    assert needs.stdout.startswith("This notebook needs a budget PDF (部门预算) and the final accounts (部门决算)")
