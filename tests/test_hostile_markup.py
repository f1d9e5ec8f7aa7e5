"""Text is text: markup typed in a spec is printed literally, nothing in it runs or fetches."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import REPO, no_contact, pdf_text, write_spec

Cli = Callable[..., tuple[int, str, str]]


def cve_2023_33733(canary: Path) -> str:
    """The published proof of concept for CVE-2023-33733 (reportlab < 3.6.13), aimed at *canary*."""
    return (
        "<para><font color=\"[[[getattr(pow, Word('__globals__'))['os'].system('touch "
        f"{canary}') for Word in [ orgTypeFun( 'Word', (str,), {{ 'mutated': 1, 'startswith': "
        "lambda self, x: 1 == 0, '__eq__': lambda self, x: self.mutate() and self.mutated < 0 "
        "and str(self) == x, 'mutate': lambda self: { setattr(self, 'mutated', self.mutated - "
        "1) }, '__hash__': lambda self: hash(str(self)), }, ) ] ] for orgTypeFun in "
        "[type(type(1))] for none in [[].append(1)]]] and 'red'\">exploit</font></para>"
    )


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _yaml_block(text: str) -> str:
    return "|-\n      " + text


def test_markup_injection_is_printed_literally(project: Path, cli: Cli, tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    payload = cve_2023_33733(canary)
    literal = [
        payload,
        "<b>unbalanced <i>tags</b> and </para> too",
        '<img src="file:///etc/passwd" width="100" height="100"/>',
        '<a href="javascript:alert(1)">click me</a>',
        "Fish & chips < 5 > 3 &amp; &lt;b&gt; &#x41; &nbsp;",
        "<font name=\"Courier\" size=\"40\">big</font><br/><seq id=\"x\"/>",
    ]
    findings = "\n".join(f"  - {_yaml_block(t)}" for t in literal)
    spec = write_spec(project, "inject", (
        "title: <b>Title</b> & <i>co</i>\n"
        "date: 2024-03-01\n"
        "authors: [\"<a href='https://evil.example'>Mallory</a>\"]\n"
        "summary: Summary with <u>markup</u> & an ampersand.\n"
        f"findings:\n{findings}\n"
        "sections:\n  - heading: <font color=red>Heading</font>\n"
        "    blocks: [{figure: counts}]\n"
        "figures:\n  - id: counts\n    kind: bar\n    title: $\\frac{1}{2}$ & <b>c</b>\n"
        "    source: <img src=x/>\n    alt: A chart.\n"
        "    data: {\"$x^2$ <b>\": 1, \"&amp;\": 2}\n"
    ))
    code, _out, err = cli("--project", str(project), "build", str(spec))
    assert (code, err) == (0, no_contact(spec))
    text = squash(pdf_text(project / "output" / "inject.pdf"))
    expected = [*literal, "<b>Title</b> & <i>co</i>", "<a href='https://evil.example'>Mallory</a>",
                "Summary with <u>markup</u> & an ampersand.", "<font color=red>Heading</font>",
                "$\\frac{1}{2}$ & <b>c</b>", "Source: <img src=x/>", "$x^2$ <b>", "&amp;"]
    assert [t[:50] for t in expected if squash(t) not in text] == []
    assert not canary.exists()


def test_links_only_https_http_mailto(project: Path, cli: Cli) -> None:
    spec = write_spec(project, "links", (
        "title: Links\ndate: 2024-03-01\nauthors: [A]\n"
        "summary: '[ok](https://example.org) [mail](mailto:a@example.org) [x](JavaScript:x)'\n"
        "findings: [F.]\n"))
    code, _out, err = cli("--project", str(project), "check", str(spec))
    assert code == 1
    assert err == (f"{spec}:4:10: summary: link target 'JavaScript:x' is not allowed; links must "
                   "start with https://, http:// or mailto:\n")


PROBE = """
import sys
if sys.argv[1] == "briefpress":
    import briefpress.pages  # imports the story stage too
from reportlab import rl_config
from reportlab.lib.utils import rlUrlRead
print(rl_config.trustedHosts, rl_config.trustedSchemes)
try:
    got = rlUrlRead("data:text/plain,fetched")
    print(got if isinstance(got, bytes) else got.read())
except OSError:
    print("refused")
"""


def _probe(mode: str) -> list[str]:
    env = {**os.environ, "RL_trustedHosts": "*", "RL_trustedSchemes": "https,http,file,data,ftp"}
    result = subprocess.run([sys.executable, "-c", PROBE, mode], env=env, cwd=REPO,
                            capture_output=True, text=True, check=True, timeout=120)
    return result.stdout.splitlines()


def test_environment_cannot_turn_remote_fetching_on() -> None:
    """RL_trustedHosts/RL_trustedSchemes enable fetching in plain reportlab, not in briefpress.

    A ``data:`` URL is used so that nothing touches the network either way.
    """
    plain = _probe("plain")
    assert plain == ["['*'] ['https', 'http', 'file', 'data', 'ftp']", "b'fetched'"]
    assert _probe("briefpress") == ["None []", "refused"]


def test_settings_pinned_in_this_process() -> None:
    from reportlab import rl_config

    import briefpress.pages  # noqa: F401

    assert rl_config.trustedHosts is None
    assert rl_config.trustedSchemes == []
