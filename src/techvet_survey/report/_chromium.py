"""Headless Chromium driven over the DevTools protocol, through a pipe.

Chromium started with ``--remote-debugging-pipe`` reads DevTools commands on its file
descriptor 3 and writes replies and events on 4, as JSON messages ended by a NUL byte:
no port, no network, no websocket library. :class:`Browser` opens one page, loads a
file, evaluates scripts in it and prints it to PDF (:mod:`techvet_survey.report._pdf`).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from techvet_survey.errors import ArgumentError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""Names of a Chromium executable, looked up on ``PATH`` in this order."""

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--remote-debugging-pipe",
)
TIMEOUT = 120.0
"""Seconds one DevTools command (a page load, a print) may take."""


class ChromiumError(RuntimeError):
    """Chromium ended, or did not answer, while the report was being printed."""


def find_chromium(executable: str | Path | None = None) -> str:
    """The Chromium executable: `executable`, else the ``CHROMIUM`` environment variable,
    else the first of :data:`CANDIDATES` on ``PATH``; an error naming the fix otherwise."""
    given = executable or os.environ.get("CHROMIUM")
    if given:
        found = shutil.which(str(given))
        if found is None:
            raise ArgumentError(
                f"Chromium {given!r} is not an executable; pass the path of a Chromium or "
                "Chrome binary (or unset CHROMIUM to look it up on PATH)."
            )
        return found
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise ArgumentError(
        "The PDF report is printed by headless Chromium, and none was found on PATH "
        f"(looked for {', '.join(CANDIDATES)}). Install it (Debian/Ubuntu: "
        "`apt-get install chromium`), set CHROMIUM=/path/to/chromium, or leave pdf out "
        "of --format."
    )


class Browser:
    """One headless Chromium with one page, closed on leaving the ``with`` block::

    with Browser() as browser:
        browser.open(Path("report.html"), width=1280)
        title = browser.evaluate("document.title")
    """

    def __init__(self, executable: str | Path | None = None):
        self.executable = find_chromium(executable)
        self._profile = tempfile.TemporaryDirectory(prefix="techvet-chromium-")
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict] = []
        self._session = None
        to_child, self._write = os.pipe()
        self._read, from_child = os.pipe()

        def descriptors():  # runs in the child: its fd 3 reads commands, fd 4 replies
            commands, replies = os.dup(to_child), os.dup(from_child)
            os.dup2(commands, 3)
            os.dup2(replies, 4)

        self._process = subprocess.Popen(
            [self.executable, *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=descriptors,  # the child's fds 3 and 4
        )
        os.close(to_child)
        os.close(from_child)

    def __enter__(self) -> Browser:
        try:
            target = self.command("Target.createTarget", url="about:blank")["targetId"]
            attached = self.command("Target.attachToTarget", targetId=target, flatten=True)
            self._session = attached["sessionId"]
            self.command("Page.enable")
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """End the browser and remove its profile."""
        if self._process.poll() is None:
            try:
                self._send({"id": self._new_id(), "method": "Browser.close"})
                self._process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._process.kill()
                self._process.wait()
        for descriptor in (self._read, self._write):
            with contextlib.suppress(OSError):
                os.close(descriptor)
        self._profile.cleanup()

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _send(self, message: dict) -> None:
        try:
            os.write(self._write, json.dumps(message).encode("utf-8") + b"\0")
        except BrokenPipeError:
            raise self._ended() from None

    def _ended(self) -> ChromiumError:
        return ChromiumError(
            f"Chromium ({self.executable}) ended unexpectedly (exit code "
            f"{self._process.poll()}); run it by hand with --headless to see why."
        )

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChromiumError(f"Chromium did not answer within {TIMEOUT:.0f} s.")
            ready, _, _ = select.select([self._read], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise self._ended()
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def command(self, method: str, **params) -> dict:
        """Send one DevTools command to the page (to the browser before a page is open)
        and return its result; events received meanwhile are kept for :meth:`wait_for`."""
        ident = self._new_id()
        message = {"id": ident, "method": method, "params": params}
        if self._session is not None and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self._session
        self._send(message)
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == ident:
                if "error" in reply:
                    raise ChromiumError(f"Chromium refused {method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def wait_for(self, event: str) -> dict:
        """The next `event` (e.g. ``Page.loadEventFired``), kept or yet to come."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for position, message in enumerate(self._events):
                if message.get("method") == event:
                    return self._events.pop(position)
            self._events.append(self._receive(deadline))

    def open(self, path: str | Path, *, width: int = 1280, height: int = 900, media: str = ""):
        """Load the file `path` in a window `width` × `height` CSS pixels wide, with the
        CSS media type `media` (``"print"`` to see the page as printed; ``""`` screen)."""
        self.command(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.command("Emulation.setEmulatedMedia", media=media)
        self._events.clear()
        self.command("Page.navigate", url=Path(path).resolve().as_uri())
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        """The value of the JavaScript `expression` in the page (JSON-serialisable)."""
        result = self.command(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise ChromiumError(f"The page's script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def print_pdf(self, **options) -> bytes:
        """The open page printed to PDF with the ``Page.printToPDF`` `options`."""
        return base64.b64decode(self.command("Page.printToPDF", **options)["data"])
