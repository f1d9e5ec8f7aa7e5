"""The commented starter spec that ``briefpress new NAME`` writes.

It must build exactly as written (a test builds it), and it shows each kind of
block once, with comments saying what each key does, so that a campaign
director can start from it without reading the reference first.
"""

from __future__ import annotations

import re
from datetime import date

NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_NAME = 60


def check_name(name: str) -> str | None:
    """Why *name* cannot be a spec's file name, or None if it can."""
    if len(name) > MAX_NAME:
        return f"'{name[:20]}...' is longer than {MAX_NAME} characters"
    if not NAME.fullmatch(name):
        return (f"'{name}' is not a valid name; use lower-case letters, digits and single "
                "hyphens, e.g. 'stalking-statistics' (the PDF is named after it)")
    return None


def starter(name: str, today: date) -> str:
    """The starter spec's text, titled after *name* and dated *today*."""
    title = name.replace("-", " ").capitalize()
    return _TEMPLATE.replace("{title}", title).replace("{date}", today.isoformat())


_TEMPLATE = """\
# yaml-language-server: $schema=../docs/briefing.schema.json
# A starter briefing: replace the text, keep the shape. Build it with
#   briefpress build briefings/<this file>
# Every key is described in docs/spec-reference.md. Text is printed exactly as typed;
# **bold**, *italic*, [links](https://example.org) and @fig:id citations are allowed.
title: {title}
subtitle: One line saying what the paper is about          # optional
series: Briefing paper                                      # optional
date: {date}                                                # YYYY-MM-DD
authors: [Your organisation]
# embargo: 2014-11-21 00:01      # prints "EMBARGOED UNTIL 00:01 FRIDAY 21 NOVEMBER 2014"
status: draft                    # stamps DRAFT on every page; remove when final

summary: >-
  One paragraph that tells the whole story: what has happened, why it matters, and what
  should be done.

key_numbers:                     # up to four, printed exactly as written
  - {number: "1,046", label: what the number counts}
  - {number: 38%, label: another short label}

findings:
  - A key finding is one short statement.
  - text: A finding that rests on a chart cites it as "(Figure 1)".
    figure: example-chart

sections:
  - heading: The first section
    blocks:
      - A bare string is a paragraph.
      - bullets: [First point, Second point]
      - quote:
          text: Words someone said, exactly as they said them.
          by: Their name
          role: Their role
      - figure: example-chart
      - table:
          title: A table
          columns: [Area, Cases]          # a column of plain numbers is right-aligned
          rows:
            - [First area, "2103"]        # printed as 2,103
            - [Second area, "186"]
          source: Where the figures come from
  - heading: The second section
    blocks:
      - questions:                        # numbered 1, 2, 3...
          - The first question?
          - The second question?
      - case_study:
          title: "Case study 1: a short title"
          story: What happened, briefly.
          helped: [What would have helped]
      - people:
          - {name: A Person, role: Chair, party: Party}

recommendations:
  - A recommendation is one sentence.
  - text: It may be addressed to a body.
    to: Ministry of Justice

figures:
  - id: example-chart
    kind: bar
    title: A chart's title says what it shows
    data: {First area: 2103, Second area: 186}
    source: Where the figures come from
    alt: Bar chart of cases in two areas, 2,103 in the first and 186 in the second.

sources:
  - A numbered source note.

notes_to_editors:
  - Background for journalists.

contacts:                         # who journalists call: give an email or phone
  - name: A Person
    role: Their role
    email: press@example.org
"""
