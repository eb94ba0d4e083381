"""LibreOffice's headless converter, shared by the generators whose documents it prints
(word-processor and spreadsheet layouts): machinery only, no layout."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(
    files: list[Path], out_dir: Path, profile: Path, *, export: str = "pdf", timeout: float
) -> None:
    """Print every file to ``out_dir`` in one LibreOffice run (its start-up is the slow part),
    with a private user profile so it never clashes with another instance; raise naming the
    PDFs it did not write."""
    if not files:
        return
    exe = find_soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: run scripts/bench-setup.sh")
    cmd = [
        exe,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--convert-to",
        export,
        "--outdir",
        str(out_dir),
        *map(str, files),
    ]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"soffice did not finish within {timeout:.0f} s") from exc
    missing = [p.name for p in files if not (out_dir / f"{p.stem}.pdf").exists()]
    if done.returncode != 0 or missing:
        raise RuntimeError(
            f"soffice exited {done.returncode}; {len(missing)} PDFs missing "
            f"({', '.join(missing[:10])}): {done.stderr.strip()[-500:]}"
        )
