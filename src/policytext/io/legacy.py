"""Legacy Word (.doc) and WPS (.wps) files: converted to .docx by LibreOffice, then read as .docx.

No Python library reads the binary Word 97 format well, and LibreOffice renders its list
numbers itself when it writes the .docx, so its conversion is the most faithful route.
LibreOffice runs headless with a private, throw-away user profile (a running LibreOffice or
a parallel conversion would otherwise share and lock the user's profile) and a time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from ..errors import MissingDependency, UnreadableDocument
from ..types import RawDocument
from ._common import OLE_MAGIC, ole_cause, read_head

__all__ = ["load_legacy", "find_soffice", "CONVERT_TIMEOUT"]

#: Seconds one conversion may take (a cold LibreOffice start is 2–5 s).
CONVERT_TIMEOUT = float(os.environ.get("POLICYTEXT_SOFFICE_TIMEOUT", "120"))
INSTALL_HINT = "apt-get install libreoffice-writer (or set POLICYTEXT_SOFFICE to the soffice program)"


def find_soffice() -> str | None:
    """The LibreOffice program: ``$POLICYTEXT_SOFFICE``, else ``soffice``/``libreoffice`` on PATH."""
    configured = os.environ.get("POLICYTEXT_SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def _check_file(path: Path) -> None:
    head = read_head(path, 8)
    if head == OLE_MAGIC and "password" in ole_cause(path):
        raise UnreadableDocument(path, ole_cause(path))


def convert_to_docx(path: Path, outdir: Path, *, timeout: float = CONVERT_TIMEOUT) -> Path:
    """Convert one file with LibreOffice; return the .docx it wrote.

    Raises:
        MissingDependency: LibreOffice is not installed.
        UnreadableDocument: LibreOffice failed, timed out or wrote nothing.
    """
    soffice = find_soffice()
    if soffice is None:
        raise MissingDependency("LibreOffice (soffice), needed to read .doc and .wps files,", INSTALL_HINT)
    profile = outdir / "profile"
    # The input goes through a plain ASCII name: LibreOffice names its output after the input,
    # and some builds mishandle non-ASCII names or names with several dots.
    source = outdir / ("input" + path.suffix.lower())
    try:
        os.symlink(path.resolve(), source)
    except OSError:
        shutil.copyfile(path, source)
    cmd = [
        soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(source),
    ]
    env = dict(os.environ, HOME=str(outdir))
    try:
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=env, start_new_session=True,
        )
    except OSError as exc:
        raise MissingDependency(f"LibreOffice ({soffice}) could not be started ({exc});", INSTALL_HINT) from exc
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise UnreadableDocument(path, f"LibreOffice did not convert it within {timeout:.0f} s") from None
    out = outdir / "input.docx"
    if proc.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        detail = (err or b"").decode("utf-8", "replace").strip().splitlines()
        why = f": {detail[-1][:200]}" if detail else ""
        raise UnreadableDocument(
            path, f"LibreOffice could not convert it (corrupt or password-protected?){why}"
        )
    return out


def _kill_group(proc: subprocess.Popen) -> None:
    """End the conversion we started and every helper process it spawned (its own session)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait()


def load_legacy(path: str | Path) -> RawDocument:
    """Read a .doc or .wps file through a LibreOffice conversion to .docx.

    The document keeps its own id (the file's stem), path and format ("doc" or "wps").

    Raises:
        MissingDependency: LibreOffice is not installed (the message says how to install it).
        UnreadableDocument: missing, empty, encrypted or unconvertible file.
    """
    from .docx import load_docx

    path = Path(path)
    _check_file(path)
    with tempfile.TemporaryDirectory(prefix="policytext-lo-") as tmp:
        converted = convert_to_docx(path, Path(tmp))
        try:
            raw = load_docx(converted)
        except UnreadableDocument as exc:
            raise UnreadableDocument(path, f"after conversion by LibreOffice: {exc.cause}") from exc
    fmt = path.suffix.lower().lstrip(".") or "doc"
    return replace(raw, doc=path.stem, path=str(path), format=fmt)
