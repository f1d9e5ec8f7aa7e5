"""Length: a paper meant for a number of pages, checked once it is laid out.

MPs want two sides, not five. A spec may say ``max_pages: 2``; otherwise the brand
may set a limit for every paper or for a series (``defaults.briefpress.max-pages``).
A paper that runs longer is an error, like any other problem with the spec: it
names how far over the paper is and, located in the spec, every block that falls
on the extra pages, so the author knows what to shorten or move. Large print is
exempt: the same words need more pages at 16 pt and up.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefpress.brand import Brand
from briefpress.errors import Problem, SpecError
from briefpress.pages import Layout
from briefpress.plan import Plan
from briefpress.plan.nodes import Graphic, Node, Section
from briefpress.profile import Profile
from briefpress.spec import LoadedSpec

MOST_LISTED = 12
"""Blocks named one by one on the extra pages; any more are counted in one line."""


@dataclass(frozen=True)
class Limit:
    """A page limit, where it was set, and how a message names it."""

    pages: int
    at: tuple[str | int, ...]
    """Where in the spec the problem is reported (``max_pages``, ``series`` or the top)."""
    named: str
    """``max_pages: 2``, or the brand's limit and where brand.yml sets it."""


def page_limit(loaded: LoadedSpec, brand: Brand) -> Limit | None:
    """The spec's ``max_pages``, else the brand's limit for the spec's series, else its
    limit for every paper, else none."""
    b = loaded.briefing
    if b.max_pages is not None:
        return Limit(b.max_pages, ("max_pages",), f"max_pages: {b.max_pages}")
    found = brand.printing.page_limit(b.series)
    if found is None:
        return None
    pages = f"{found.pages} page" + ("" if found.pages == 1 else "s")
    if found.series is not None:
        return Limit(found.pages, ("series",), f"the brand's limit of {pages} for a "
                     f"'{found.series}' ({found.where}: defaults.briefpress.max-pages)")
    return Limit(found.pages, (), f"the brand's limit of {pages} ({found.where}: "
                 "defaults.briefpress.max-pages)")


def check_length(loaded: LoadedSpec, brand: Brand, plan: Plan, layout: Layout,
                 profile: Profile) -> None:
    """Raise SpecError if the laid-out paper has more pages than its limit allows."""
    limit = page_limit(loaded, brand)
    if limit is None or profile.large_print or layout.pages <= limit.pages:
        return
    over = layout.pages - limit.pages
    extra = (f"page {limit.pages + 1}" if over == 1
             else f"pages {limit.pages + 1} to {layout.pages}")
    main = loaded.problem(limit.at, (
        f"the paper runs to {layout.pages} pages, {over} more than {limit.named} allows; "
        f"what falls on {extra} is listed below: shorten it or move it to another paper"
        + (", or raise max_pages" if limit.at == ("max_pages",) else
           ", or give this spec its own max_pages")))
    raise SpecError([main, *_past(loaded, plan, layout, limit.pages)])


def _past(loaded: LoadedSpec, plan: Plan, layout: Layout, allowed: int) -> list[Problem]:
    """One located problem per block drawn after page *allowed*, in reading order.

    A part of the spec wholly past the limit (a section, a list) is named once, not each
    of its items; one that only ends past it is named by the items that do.
    """
    parents = {child.id: node.id for node in plan.nodes() for child in node.children()}
    nodes = {node.id: node for node in plan.nodes()}
    pages: dict[str, set[int]] = {}
    above: dict[str, str | None] = {}
    for mark in layout.marks:
        chain = _located_chain(mark.node, parents, nodes, plan)
        for inner, outer in zip(chain, [*chain[1:], None], strict=True):
            pages.setdefault(inner, set()).add(mark.page + 1)
            above[inner] = outer

    def late(n: str) -> bool:
        return max(pages[n]) > allowed

    def whole(n: str) -> bool:
        return min(pages[n]) > allowed

    def ancestors(n: str) -> list[str]:
        out, current = [], above.get(n)
        while current is not None:
            out.append(current)
            current = above.get(current)
        return out

    has_late_child = {a for n in pages if late(n) for a in ancestors(n)[:1]}
    over = [n for n in pages if late(n) and not any(whole(a) for a in ancestors(n))
            and (whole(n) or n not in has_late_child)]
    problems = []
    for owner in over[:MOST_LISTED]:
        late_pages = sorted(p for p in pages[owner] if p > allowed)
        where = (f"page {late_pages[0]}" if len(late_pages) == 1
                 else f"pages {late_pages[0]} to {late_pages[-1]}")
        how = "falls on" if whole(owner) else "continues onto"
        what = f"{how} {where}, past page {allowed}: {_name(plan, nodes[owner])}"
        problems.append(loaded.problem(plan.where(owner) or (), what))
    if len(over) > MOST_LISTED:
        problems.append(loaded.problem((), f"and {len(over) - MOST_LISTED} more blocks after "
                                       f"page {allowed}"))
    return problems


def _located_chain(node_id: str, parents: dict[str, str], nodes: dict[str, Node],
                   plan: Plan) -> list[str]:
    """The parts of the plan around *node_id* that came from a place in the spec (a
    finding, a block, a section), innermost first: what the author would shorten or move.
    A chart counts as its figure block, where it is placed, not its declaration; a part
    from nowhere in the spec (the masthead) counts as its top-level part."""
    chain: list[str] = []
    current: str | None = node_id
    top = node_id
    while current is not None:
        if current in plan.locs and not isinstance(nodes.get(current), Graphic):
            chain.append(current)
        top = current
        current = parents.get(current)
    return chain or [top]


def _name(plan: Plan, node: Node) -> str:
    """How the author recognises a part: a section by its heading, a block by its start."""
    if isinstance(node, Section) and node.heading is not None:
        heading = " ".join(node.heading.plain.split())
        return f"the section '{heading}'"
    return plan.describe(node.id)
