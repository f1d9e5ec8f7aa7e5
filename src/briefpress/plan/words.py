"""The words a paper prints around the author's text, in the paper's language.

"Summary", "Page 3 of 5", "21 November 2014": every piece of furniture comes
from one :class:`Words` value, so a Welsh paper differs from an English one only
in the value it is given, never in code.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime


@dataclass(frozen=True)
class Words:
    """Furniture words. ``{}`` fields are filled in: ``Page {page} of {total}``."""

    summary: str = "Summary"
    key_findings: str = "Key findings"
    recommendations: str = "Recommendations"
    sources: str = "Sources and notes"
    notes_to_editors: str = "Notes to editors"
    contact: str = "Contact"
    about: str = "About {name}"
    by: str = "By {names}"
    and_: str = "and"
    figure: str = "Figure {number}"
    figure_caption: str = "Figure {number}: {title}"
    source_line: str = "Source: {source}"
    notes_line: str = "Notes: {notes}"
    to: str = "To: {body}"
    what_would_have_helped: str = "What would have helped"
    page: str = "Page {page} of {total}"
    charity_number: str = "Registered charity number {number}"
    embargo: str = "EMBARGOED UNTIL {time} {weekday} {day} {month} {year}"
    draft: str = "DRAFT"
    draft_banner: str = "DRAFT \u2013 NOT FOR PUBLICATION"
    source_note: str = "Source note {number}"
    months: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December")
    weekdays: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                 "Saturday", "Sunday")
    date_format: str = "{day} {month} {year}"

    def long_date(self, when: date) -> str:
        """``21 November 2014``, from these words, whatever the machine's locale."""
        return self.date_format.format(day=when.day, month=self.months[when.month - 1],
                                       year=when.year)

    def embargo_line(self, when: datetime) -> str:
        """``EMBARGOED UNTIL 00:01 FRIDAY 21 NOVEMBER 2014``."""
        return self.embargo.format(
            time=f"{when:%H:%M}", weekday=self.weekdays[when.weekday()].upper(),
            day=when.day, month=self.months[when.month - 1].upper(), year=when.year)

    def join(self, names: list[str]) -> str:
        """``A``, ``A and B``, ``A, B and C``."""
        if len(names) == 1:
            return names[0]
        return ", ".join(names[:-1]) + f" {self.and_} " + names[-1]


ENGLISH = Words()

FIELDS = tuple(f.name for f in fields(Words))
