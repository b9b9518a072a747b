"""The Nu Html Checker (node_modules/vnu-jar, pinned in package.json; Java from Debian's
default-jre-headless) on the pages the browser journeys reached.

Every HTML document a tab of the `new_page` fixture receives is saved, as served, into
test-results/pages/ (see `PageArchive`); the last browser test runs vnu once over all of them.
Any error fails it, naming the page's address, the line and the message. Warnings are left out
(`--errors-only`): they are advice, such as redundant roles, not breaches of the standard."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INDEX = "index.jsonl"


@dataclass(frozen=True)
class HtmlError:
    url: str
    line: int
    column: int
    message: str
    extract: str

    def __str__(self) -> str:
        extract = " ".join(self.extract.split())
        return f"{self.url} line {self.line}, column {self.column}: {self.message} [{extract}]"


class PageArchive:
    """test-results/pages/: each distinct HTML document received, with index.jsonl saying which
    address each file came from."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.seen: set[str] = set()
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    def save(self, url: str, body: bytes) -> Path | None:
        digest = hashlib.sha1(body, usedforsecurity=False).hexdigest()
        if digest in self.seen:
            return None
        self.seen.add(digest)
        parts = urlsplit(url)
        slug = re.sub(r"[^A-Za-z0-9]+", "-", parts.path).strip("-") or "home"
        path = self.folder / f"{len(self.seen):04d}-{slug[:100]}.html"
        path.write_bytes(body)
        with (self.folder / INDEX).open("a") as index:
            index.write(json.dumps({"file": path.name, "url": url}) + "\n")
        return path

    def pages(self) -> dict[Path, str]:
        index = self.folder / INDEX
        if not index.exists():
            return {}
        rows = [json.loads(line) for line in index.read_text().splitlines()]
        return {self.folder / row["file"]: row["url"] for row in rows}


def watch_documents(tab, archive: PageArchive) -> None:
    """Save every HTML document the tab receives (pages and error pages, not redirects)."""

    def on_response(response) -> None:
        if response.request.resource_type != "document" or 300 <= response.status < 400:
            return
        if "text/html" not in response.headers.get("content-type", ""):
            return
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - the tab moved on before the body arrived
            return
        archive.save(response.url, body)

    tab.on("response", on_response)


def java() -> str | None:
    return shutil.which("java")


def validate(pages: dict[Path, str]) -> list[HtmlError]:
    """vnu's errors in the given files (file -> the address it came from), in one Java run."""
    if not VNU_JAR.exists():
        raise AssertionError(f"{VNU_JAR} is missing: run `npm ci` (vnu-jar is a devDependency)")
    if not pages:
        return []
    by_uri = {path.resolve().as_uri(): url for path, url in pages.items()}
    result = subprocess.run(  # noqa: S603 - our own jar on our own files
        [java() or "java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
        + [str(path) for path in pages],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode not in (0, 1):
        raise AssertionError(f"vnu failed ({result.returncode}):\n{result.stderr[-2000:]}")
    messages = json.loads(result.stderr)["messages"]
    return [
        HtmlError(
            url=by_uri.get(_as_uri(message.get("url", "")), message.get("url", "")),
            line=message.get("lastLine", message.get("firstLine", 0)),
            column=message.get("firstColumn", message.get("lastColumn", 0)),
            message=message["message"],
            extract=message.get("extract", ""),
        )
        for message in messages
        if message["type"] in ("error", "non-document-error")
    ]


def _as_uri(vnu_url: str) -> str:
    # vnu writes file:/tmp/x.html; Path.as_uri() writes file:///tmp/x.html.
    return re.sub(r"^file:/+", "file:///", vnu_url)


def report(errors: list[HtmlError], checked: int) -> str:
    """One line per error; the same error on the same page seen twice in a session, once."""
    lines = list(dict.fromkeys(str(error) for error in errors))
    return f"{len(errors)} HTML error(s) in {checked} page(s) checked by vnu:\n" + "\n".join(lines)
