"""Mistakes a campaigner makes in YAML, each made in a copy of a real briefing.

Every case replaces one exact piece of ``briefings/latest-statistics.yaml`` and
expects the exact message: the located line ``file:line:col: key.path: problem``
with the advice after "; ", exit 1 and no PDF. ``{n}`` in a message stands for
the line the change starts on, ``{n-4}`` for the line four above it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, length_line, reachable

Cli = Callable[..., tuple[int, str, str]]
BRIEFING = REPO / "briefings" / "latest-statistics.yaml"
LAST_FINDING = ("  - Information on the training given to probation staff is still scarce [^5], "
                "and outcomes at\n    court have not yet been published.\n")
ROW = '            - [All areas, "1346"]\n'
INDENTED = "keys at one level, and the items of one list, line up"

ERRORS = {
    "colon in the title": (
        "title: Latest stalking statistics\n",
        "title: Stalking: the latest statistics\n",
        "{spec}:{n}:16: YAML syntax: mapping values are not allowed here; put text that holds "
        "': ' in double quotes: \"Stalking: the latest statistics\""),
    "colon in a finding": (
        LAST_FINDING,
        "  - Probation: information on training is still scarce [^5].\n",
        "{spec}:{n}:5: findings[4]: text with ': ' in it was read as a key 'Probation' and its "
        "value; put text that holds ': ' in double quotes: \"Probation: information on "
        "training is still scarce [^5].\""),
    "colon in a paragraph": (
        "      - figure: first-hearings\n",
        "      - figure: first-hearings\n      - Note: outcomes at court are not published.\n",
        "{spec}:{n+1}:9: sections[0].blocks[3]: text with ': ' in it was read as a key 'Note' "
        "and its value; put text that holds ': ' in double quotes: \"Note: outcomes at court "
        "are not published.\""),
    "misspelt block kind on one line": (
        "      - figure: first-hearings\n",
        "      - figure: first-hearings\n      - qoute: outcomes at court are not published.\n",
        "{spec}:{n+1}:9: sections[0].blocks[3]: unknown block kind 'qoute'; did you mean "
        "'quote'? (kinds: paragraph, bullets, quote, figure, questions, case_study, table, "
        "people, key_numbers)"),
    "curly quotes from Word": (
        "subtitle: New court figures, and how far training has reached the police, the CPS and "
        "probation\n",
        "subtitle: \u201cNew court figures: how far training has reached\u201d\n",
        "{spec}:{n}:29: YAML syntax: mapping values are not allowed here; curly quotes (\u201c "
        "\u201d \u2018 \u2019, as Word types them) are not quotation marks to YAML: put the whole "
        "text in straight double quotes (\"...\"); curly quotes inside them print as typed"),
    "curly quotes around a list item with a comma": (
        "authors: [Digital-Trust]\n",
        "authors: [\u201cDigital-Trust, APPG\u201d]\n",
        "{spec}:{n}:11: authors[0]: '\u201cDigital-Trust, APPG\u201d' was read as two separate "
        "values, '\u201cDigital-Trust' and 'APPG\u201d': inside [ ] a comma separates values; "
        "curly quotes (\u201c \u201d) are not quotation marks to YAML: put text that holds a "
        "comma in straight double quotes: \"\u201cDigital-Trust, APPG\u201d\""),
    "apostrophe inside single quotes": (
        "title: Latest stalking statistics\n",
        "title: 'Stalking: the victims' view'\n",
        "{spec}:{n}:32: YAML syntax: expected <block end>, but found '<scalar>' (while parsing "
        "a block mapping); an apostrophe inside text in single quotes ends the text there: put "
        "the text in double quotes instead (\"Stalking: the victims' view\"), or write the "
        "apostrophe twice ('')"),
    "key indented one space too few": (
        "    figure: police-training\n",
        "   figure: police-training\n",
        "{spec}:{n}:4: YAML syntax: expected <block end>, but found '<block mapping start>' "
        "(while parsing a block collection); line {n} is indented 3 spaces; indent it 4 spaces, "
        f"like 'text:' on line {{n-4}} ({INDENTED})"),
    "key indented one space too many": (
        "    figure: police-training\n",
        "     figure: police-training\n",
        "{spec}:{n}:6: YAML syntax: expected <block end>, but found '<block mapping start>' "
        "(while parsing a block mapping); line {n} is indented 5 spaces; indent it 4 spaces, "
        f"like 'text:' on line {{n-4}} ({INDENTED})"),
    "top-level key indented": (
        "date: 2014-07-07\n",
        " date: 2014-07-07\n",
        "{spec}:{n}:6: YAML syntax: mapping values are not allowed here; line {n} is indented 1 "
        f"space; start it at the left edge, like 'series:' on line {{n-1}} ({INDENTED})"),
    "top-level key indented two spaces": (
        "key_numbers:\n",
        "  key_numbers:\n",
        "{spec}:{n}:3: YAML syntax: expected <block end>, but found '?' (while parsing a block "
        "collection); line {n} is indented 2 spaces; start it at the left edge, like 'summary:' "
        f"on line {{n-11}} ({INDENTED})"),
    "list item indented one space too many": (
        "  - heading: Training in the police\n",
        "   - heading: Training in the police\n",
        "{spec}:{n}:4: YAML syntax: expected <block end>, but found '<block sequence start>' "
        "(while parsing a block collection); line {n} is indented 3 spaces; indent it 2 spaces, "
        f"like the '- ' item on line {{n-38}} ({INDENTED})"),
    "text indented no more than its item": (
        "    Training is spreading, but unevenly: 38% of police staff had seen the e-learning "
        "package by the\n",
        "  Training is spreading, but unevenly: 38% of police staff had seen the e-learning "
        "package by the\n",
        "{spec}:{n}:3: YAML syntax: expected <block end>, but found '?' (while parsing a block "
        "collection); line {n} is indented 2 spaces, but text that goes on from the '- ' item "
        "on line {n-1} must be indented more: indent it 4 spaces"),
    "text not lined up with the line above": (
        "    end of May 2014 and half of CPS lawyers have completed a stalking course, while "
        "little is\n",
        "   end of May 2014 and half of CPS lawyers have completed a stalking course, while "
        "little is\n",
        "{spec}:{n}:4: YAML syntax: expected <block end>, but found '<scalar>' (while parsing a "
        "block collection); line {n} is indented 3 spaces; the lines of one text line up: "
        "indent it 4 spaces, like line {n-1}"),
    "text starting with **bold**": (
        LAST_FINDING,
        "  - **Little** is known about the training given to probation staff [^5].\n",
        "{spec}:{n}:6: YAML syntax: expected alphabetic or numeric character, but found '*' "
        "(while scanning an alias); text that starts with '*' is read as a YAML alias (as "
        "**bold** at the start of text is): put the whole text in double quotes"),
    "text starting with *italic*": (
        LAST_FINDING,
        "  - *Little* is known about the training given to probation staff [^5].\n",
        "{spec}:{n}:12: YAML syntax: expected alphabetic or numeric character, but found '*' "
        "(while scanning an alias); text that starts with '*' is read as a YAML alias (as "
        "**bold** at the start of text is): put the whole text in double quotes"),
    "text starting with a figure citation": (
        LAST_FINDING,
        "  - @fig:police-training shows the rise in police training.\n",
        "{spec}:{n}:5: YAML syntax: found character '@' that cannot start any token (while "
        "scanning for the next token); text cannot start with '@' in YAML: put the whole text "
        "in double quotes (\"@...\")"),
    "text starting with a link": (
        LAST_FINDING,
        "  - [The CPS figures](https://www.cps.gov.uk) are published each quarter.\n",
        "{spec}:{n}:22: YAML syntax: expected <block end>, but found '<scalar>' (while parsing "
        "a block collection); text that starts with '[' is read as a YAML list (as a "
        "[link](https://...) at the start of text is): put the whole text in double quotes"),
    "hashtag inside a list in brackets": (
        "keywords: [stalking, statistics, court figures, Protection from Harassment Act 1997, "
        "training]\n",
        "keywords: [stalking, #StalkingAwareness, training]\n",
        "{spec}:{n}:22: YAML syntax: expected the node content, but found '-' (while parsing a "
        "flow node); ' #' starts a comment, so YAML dropped the rest of the line "
        "('#StalkingAwareness, training]'): put text that holds ' #' in double quotes"),
    "thousands separator in inline chart data": (
        "    data:\n      June 2013 (27%): 38434\n      End of May 2014 (38%): 52176\n",
        "    data: {June 2013: 38,434, End of May 2014: 52176}\n",
        "{spec}:{n}:23: figures[1].data[\"June 2013\"]: '38,434' was read as two separate "
        "values, '38' and '434': inside { } a comma separates values; numbers are written "
        "without separators (38434); quote text that holds a comma (\"38,434\"); put a space "
        "after a comma between two values"),
    "thousands separator in a table row": (
        ROW,
        "            - [All areas, 1,346]\n",
        "{spec}:{n}:27: sections[2].blocks[2].table.rows[4][1]: '1,346' was read as two "
        "separate values, '1' and '346': inside [ ] a comma separates values; numbers are "
        "written without separators (1346); quote text that holds a comma (\"1,346\"); put a "
        "space after a comma between two values"),
    "comma in a contact's role": (
        "  - name: Harry Fletcher\n    role: Director, Digital-Trust\n",
        "  - {name: Harry Fletcher, role: Director, Digital-Trust}\n",
        "{spec}:{n}:34: contacts[0].role: 'Director, Digital-Trust' was read as two separate "
        "values, 'Director' and 'Digital-Trust': inside { } a comma separates values; quote "
        "text that holds a comma: \"Director, Digital-Trust\""),
}

WARNINGS = {
    "hashtag ending a finding": (
        LAST_FINDING,
        "  - Training for probation staff is still scarce #NotGoodEnough [^5]\n",
        "{spec}:{n}:50: warning: findings[4]: the text stops before ' #': YAML reads "
        "'#NotGoodEnough [^5]' as a comment and drops it; put the whole text in double quotes "
        "to keep it"),
    "quoted number with separators in a number column": (
        ROW,
        '            - [All areas, "1,346"]\n',
        "{spec}:{n}:27: warning: sections[2].blocks[2].table.rows[4][1]: '1,346' makes column "
        "'Lawyers completing the course' text, printed as typed and left-aligned; write 1346 "
        "(separators are added when printed) to keep it a number column, or give the column "
        "'kind: text'"),
}


def _mistake(project: Path, name: str, old: str, new: str, expected: str) -> tuple[Path, str]:
    """A copy of the real briefing with one mistake made, and the message it must give."""
    shutil.copytree(REPO / "briefings" / "data", project / "briefings" / "data")
    text = reachable(BRIEFING.read_text(encoding="utf-8"))
    assert text.count(old) == 1, f"the briefing changed: '{old.strip()[:40]}' is not there once"
    line = text[: text.index(old)].count("\n") + 1
    spec = project / "briefings" / (re.sub(r"\W+", "-", name) + ".yaml")
    spec.write_text(text.replace(old, new), encoding="utf-8")

    def number(found: re.Match[str]) -> str:
        return str(line + int(found.group(1) or 0))

    message = re.sub(r"\{n([+-]\d+)?\}", number, expected.replace("{spec}", str(spec)))
    return spec, message + "\n"


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_mistake_gives_located_advice_and_no_pdf(name: str, project: Path, cli: Cli) -> None:
    spec, message = _mistake(project, name, *ERRORS[name])
    for command in ("check", "build"):
        code, out, err = cli(command, str(spec))
        assert (code, out, err) == (1, "", message)
    assert list((project / "output").iterdir()) == []


@pytest.mark.parametrize("name", sorted(WARNINGS))
def test_slip_is_a_located_warning(name: str, project: Path, cli: Cli) -> None:
    spec, message = _mistake(project, name, *WARNINGS[name])
    length = length_line(spec)
    assert cli("check", "--strict", str(spec)) == (1, length, message)
    assert cli("check", str(spec)) == (0, length, message)
    code, out, err = cli("build", str(spec))
    assert (code, err) == (0, message)
    assert out == f"built {project / 'output' / spec.with_suffix('.pdf').name}\n"


def test_a_comment_after_a_space_is_no_slip(project: Path, cli: Cli) -> None:
    """A comment written as one ('# note', '#' then a space) is not taken for a hashtag."""
    spec, _ = _mistake(project, "comment", "series: Briefing paper\n",
                       "series: Briefing paper  # as on the masthead\n", "")
    assert cli("check", "--strict", str(spec)) == (0, length_line(spec), "")


def test_values_separated_by_comma_and_space_are_no_slip(project: Path, cli: Cli) -> None:
    spec, _ = _mistake(project, "spaced", ROW, "            - [All areas, 1346]\n", "")
    assert cli("check", "--strict", str(spec)) == (0, length_line(spec), "")



def test_every_indentation_slip_in_a_briefing_gets_one_line_of_advice() -> None:
    """Each line of a real briefing indented one space more, or less: whatever the parser
    trips over, the problem is one located line that ends with advice."""
    from briefpress.errors import SpecError
    from briefpress.source.yamlload import parse_text

    lines = BRIEFING.read_text(encoding="utf-8").splitlines(keepends=True)
    tried = 0
    for i, line in enumerate(lines):
        if not line.strip() or line.startswith("#"):
            continue
        for new in (" " + line, line[1:] if line.startswith(" ") else None):
            if new is None:
                continue
            try:
                parse_text("".join([*lines[:i], new, *lines[i + 1:]]), "x.yaml")
            except SpecError as exc:
                (problem,) = exc.problems
                shown = str(problem)
                assert "\n" not in shown and problem.line is not None, shown
                assert "; " in problem.message, shown  # advice follows the parser's words
                tried += 1
    assert tried > 100
