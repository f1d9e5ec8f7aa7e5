"""A small Language Server Protocol client: talks to yaml-language-server over stdio, as an
editor does, so tests see the completions and problems an author would see."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

EDITOR = Path(__file__).parent / "editor"
SERVER = EDITOR / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
INSTALL = "npm ci --prefix tests/editor"
SETTINGS = {"validate": True, "completion": True, "hover": True,
            "schemaStore": {"enable": False},  # offline: never fetch the schema catalogue
            "schemas": {}}
Message = dict[str, Any]


class LanguageServer:
    """yaml-language-server in a child process, configured for a workspace folder."""

    def __init__(self, root: Path, timeout: float = 60.0) -> None:
        node = shutil.which("node")
        if node is None or not SERVER.is_file():
            raise RuntimeError(f"yaml-language-server is not installed; run: {INSTALL}")
        self.timeout = timeout
        self.proc = subprocess.Popen([node, str(SERVER), "--stdio"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.buffer = b""
        self.next_id = 0
        self.request("initialize", {
            "processId": os.getpid(), "rootUri": root.as_uri(),
            "capabilities": {
                "textDocument": {"completion": {"completionItem": {"snippetSupport": True}},
                                 "publishDiagnostics": {}},
                "workspace": {"configuration": True}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": SETTINGS}})

    def close(self) -> None:
        self.proc.kill()
        self.proc.communicate(timeout=30)  # reaps it and closes the pipes

    def _send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self, deadline: float) -> Message:
        assert self.proc.stdout is not None
        while True:
            head, sep, rest = self.buffer.partition(b"\r\n\r\n")
            if sep:
                length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length"))
                if len(rest) >= length:
                    self.buffer = rest[length:]
                    message: Message = json.loads(rest[:length])
                    return message
            ready, _, _ = select.select([self.proc.stdout], [], [],
                                        max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("yaml-language-server did not answer in time")
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                raise EOFError("yaml-language-server stopped")
            self.buffer += chunk

    def wait_for(self, wanted: Callable[[Message], bool]) -> Message:
        """The next message *wanted* accepts, answering the server's own requests meanwhile."""
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._read(deadline)
            if "method" in message and "id" in message:  # the server asks us something
                result: Any = None
                if message["method"] == "workspace/configuration":
                    result = [SETTINGS if item.get("section") == "yaml" else None
                              for item in message["params"]["items"]]
                self._send({"id": message["id"], "result": result})
            elif wanted(message):
                return message

    def request(self, method: str, params: Message) -> Any:
        self.next_id += 1
        number = self.next_id
        self._send({"id": number, "method": method, "params": params})
        return self.wait_for(lambda m: m.get("id") == number and "method" not in m)["result"]

    def notify(self, method: str, params: Message) -> None:
        self._send({"method": method, "params": params})

    def open(self, path: Path, text: str) -> list[Message]:
        """Open a document (it need not exist on disk); returns the problems shown for it."""
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        found = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                              and m["params"]["uri"] == uri)
        diagnostics: list[Message] = found["params"]["diagnostics"]
        return diagnostics

    def complete(self, path: Path, line: int, character: int) -> list[Message]:
        """The completion items offered at a 0-based line and character."""
        result = self.request("textDocument/completion", {
            "textDocument": {"uri": path.as_uri()},
            "position": {"line": line, "character": character}})
        items: list[Message] = result["items"] if isinstance(result, dict) else result
        return items
