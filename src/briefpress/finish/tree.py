"""The PDF structure tree, built from the document plan and the pages' record.

Each plan node becomes a structure element of its role; each of its
marked-content sequences (on any page) becomes a marked-content reference
under it, in the order drawn, so a paragraph split over two pages stays one
element. Lists gain LBody elements, tables THead and TBody; TH cells say what
they head; figures carry their alt text; each link annotation sits in a Link
element under the text it belongs to, with a description. The ParentTree maps
every page's MCIDs and every annotation back to its element.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from briefpress.pages import LinkMark, Mark
from briefpress.plan import Plan
from briefpress.plan.nodes import Graphic, Item, Node, Role, Row, TableNode, Text

Ref = IndirectObject


@dataclass
class _Builder:
    writer: PdfWriter
    pages: list[Ref]
    marks: dict[str, list[Mark]]
    links: dict[str, list[LinkMark]]
    parents: dict[int, dict[int, Ref]] = field(default_factory=lambda: defaultdict(dict))
    annotations: list[tuple[LinkMark, Ref]] = field(default_factory=list)

    def element(self, role: str, parent: Ref | None, **extra: object) -> tuple[Ref,
                                                                                DictionaryObject]:
        d = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"),
                              NameObject("/S"): NameObject("/" + role)})
        if parent is not None:
            d[NameObject("/P")] = parent
        for key, value in extra.items():
            d[NameObject("/" + key)] = value
        ref = self.writer._add_object(d)
        return ref, d

    def mcrs(self, node: Node, ref: Ref) -> list[DictionaryObject]:
        out = []
        for m in self.marks.get(node.id, ()):
            self.parents[m.page][m.mcid] = ref
            out.append(DictionaryObject({
                NameObject("/Type"): NameObject("/MCR"),
                NameObject("/Pg"): self.pages[m.page],
                NameObject("/MCID"): NumberObject(m.mcid)}))
        return out

    def build(self, node: Node, parent: Ref) -> Ref:
        """The element for *node* and, under it, everything the node contains."""
        extra: dict[str, object] = {}
        if isinstance(node, Graphic):
            extra["Alt"] = TextStringObject(node.alt)
        if isinstance(node, Text) and node.role == Role.TH:
            extra["A"] = DictionaryObject({NameObject("/O"): NameObject("/Table"),
                                           NameObject("/Scope"): NameObject("/Column")})
        if isinstance(node, Text) and node.role == Role.NOTE:
            extra["ID"] = TextStringObject(node.id)
        ref, d = self.element(str(node.role), parent, **extra)
        kids: list[object] = list(self.mcrs(node, ref))
        kids += [self.build_child(c, ref) for c in self._children(node)]
        for link in self.links.get(node.id, ()):
            kids.append(self.link(link, ref))
        d[NameObject("/K")] = ArrayObject(kids)
        return ref

    def build_child(self, node: Node | tuple[str, Sequence[Node]], parent: Ref) -> Ref:
        if isinstance(node, Node):
            return self.build(node, parent)
        role, children = node
        ref, d = self.element(role, parent)
        d[NameObject("/K")] = ArrayObject([self.build_child(c, ref) for c in children])
        return ref

    @staticmethod
    def _children(node: Node) -> list[Node | tuple[str, Sequence[Node]]]:
        """A node's children, with the groupings PDF asks for that the plan leaves implicit."""
        if isinstance(node, Item):
            return [*([node.label] if node.label else []), ("LBody", node.body)]
        if isinstance(node, TableNode):
            head: list[Node | tuple[str, Sequence[Node]]] = [node.title] if node.title else []
            body: Sequence[Row] = node.rows
            return [*head, ("THead", (node.head,)), ("TBody", body)]
        return list(node.children())

    def link(self, link: LinkMark, parent: Ref) -> Ref:
        ref, d = self.element("Link", parent)
        page = cast(DictionaryObject, self.pages[link.page].get_object())
        annot = cast(ArrayObject, page["/Annots"])[link.index]
        d[NameObject("/K")] = ArrayObject([DictionaryObject({
            NameObject("/Type"): NameObject("/OBJR"),
            NameObject("/Pg"): self.pages[link.page],
            NameObject("/Obj"): annot})])
        self.annotations.append((link, ref))
        return ref


def build_tree(writer: PdfWriter, plan: Plan, marks: Sequence[Mark],
               links: Sequence[LinkMark], descriptions: dict[tuple[str, str], str]) -> None:
    """Add the structure tree, ParentTree, MarkInfo and page and annotation keys."""
    pages = [p.indirect_reference for p in writer.pages]
    by_node: dict[str, list[Mark]] = defaultdict(list)
    for m in marks:
        by_node[m.node].append(m)
    by_link: dict[str, list[LinkMark]] = defaultdict(list)
    for link in links:
        if link.node is not None:
            by_link[link.node].append(link)
    b = _Builder(writer, pages, by_node, by_link)  # type: ignore[arg-type]
    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_ref = writer._add_object(root)
    doc_ref, doc = b.element("Document", root_ref)
    doc[NameObject("/K")] = ArrayObject([b.build(n, doc_ref) for n in plan.body])
    root[NameObject("/K")] = ArrayObject([doc_ref])
    nums: list[object] = []
    for index, page in enumerate(writer.pages):
        page[NameObject("/StructParents")] = NumberObject(index)
        page[NameObject("/Tabs")] = NameObject("/S")
        by_mcid = b.parents.get(index, {})
        nums += [NumberObject(index), ArrayObject([by_mcid[i] for i in sorted(by_mcid)])]
    key = len(writer.pages)
    for link, elem in b.annotations:
        annots = cast(ArrayObject, writer.pages[link.page]["/Annots"])
        annot = cast(DictionaryObject, annots[link.index].get_object())
        annot[NameObject("/StructParent")] = NumberObject(key)
        annot[NameObject("/F")] = NumberObject(4)
        where = link.target or link.uri or ""
        annot[NameObject("/Contents")] = TextStringObject(
            descriptions.get((link.node or "", where), where))
        nums += [NumberObject(key), elem]
        key += 1
    root[NameObject("/ParentTree")] = writer._add_object(DictionaryObject(
        {NameObject("/Nums"): ArrayObject(nums)}))
    root[NameObject("/ParentTreeNextKey")] = NumberObject(key)
    writer._root_object[NameObject("/StructTreeRoot")] = root_ref
    writer._root_object[NameObject("/MarkInfo")] = DictionaryObject(
        {NameObject("/Marked"): BooleanObject(True)})


def link_descriptions(plan: Plan) -> dict[tuple[str, str], str]:
    """``(node, target or address) -> description`` for every link in the plan's text."""
    out: dict[tuple[str, str], str] = {}
    for t in plan.texts():
        for span in t.inline:
            if span.link is not None:
                where = span.link.target or span.link.uri or ""
                out.setdefault((t.id, where), span.link.description)
    return out
