"""Bracket geometry: a contest tree laid out as lines, joints and names, in millimetres.

A drawing is made of *slots* (a name written on a horizontal line) and *joints* (the vertical
line that closes a contest; its winner is written on the next slot to the right, half-way
between the two). Any tree of contests lays out the same way, so the main draw, the repechage
and bronze contests, the double-repechage chains and the semi-finals after two pools all come
from `lay_out`. A leaf sits one column left of its contest, so a semi-final loser joins the
bronze contest at its own round, as on IJF sheets.

The numbers are plain data for the template (absolute positions), so the screen and the PDF
draw the same picture.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ippon.tournament.model import Contest, Feed, System, WinnerOf


@dataclass(frozen=True, slots=True)
class Node:
    """A contest of the tree, with what feeds its white and blue places."""

    contest: Contest
    white: Tree
    blue: Tree


Tree = Node | Feed
"""A contest, or a leaf: a feed the tree does not expand (an entry line, a loser, a pool rank;
also a WinnerOf where the tree was cut across pages)."""


def tree(system: System, number: int) -> Node:
    """The tree of contest `number`: every earlier contest whose winner leads to it."""
    contest = system.contests[number - 1]

    def grow(feed: Feed) -> Tree:
        return tree(system, feed.contest) if isinstance(feed, WinnerOf) else feed

    return Node(contest, grow(contest.white), grow(contest.blue))


def roots(system: System) -> list[int]:
    """Contests whose winner goes nowhere else and that are not pool bouts: the final, the
    bronze contests, the grand final. Order of play."""
    fed = {f.contest for c in system.contests for f in (c.white, c.blue)
           if isinstance(f, WinnerOf)}
    return [c.number for c in system.contests if c.number not in fed and c.pool is None]


def leaves(node: Tree) -> int:
    if isinstance(node, Node):
        return leaves(node.white) + leaves(node.blue)
    return 1


def height(node: Tree) -> int:
    if isinstance(node, Node):
        return 1 + max(height(node.white), height(node.blue))
    return 0


def cut(node: Node, max_leaves: int) -> tuple[Node, list[Node]]:
    """Split a tree too tall for a page: the subtrees of at most `max_leaves` leaves each, and
    the top of the tree, in which those subtrees become leaves (the winner of their root)."""
    if leaves(node) <= max_leaves:
        return node, []
    parts: list[Node] = []

    def top(sub: Tree) -> Tree:
        if not isinstance(sub, Node):
            return sub
        if leaves(sub) <= max_leaves:
            parts.append(sub)
            return WinnerOf(sub.contest.number)
        return Node(sub.contest, top(sub.white), top(sub.blue))

    head = top(node)
    assert isinstance(head, Node)
    return head, parts


@dataclass(frozen=True, slots=True)
class Slot:
    """A name on a line from x to x + width at height y (the line; the name sits above it).
    `feed` is set for leaves, `contest` for the winner of a contest. `won`: this athlete won
    the contest the line leads into (the line is drawn bold)."""

    x: float
    y: float
    width: float
    column: int
    feed: Feed | None = None
    contest: int | None = None
    into: int | None = None  # the contest this line leads into (None for the tree's winner)
    white: bool = True  # on the white (upper) place of `into`
    won: bool = False


@dataclass(frozen=True, slots=True)
class Joint:
    """The vertical line of contest `number` at x, from its white line (top) to its blue."""

    x: float
    top: float
    bottom: float
    number: int


@dataclass(frozen=True, slots=True)
class Layout:
    width: float
    height: float
    columns: tuple[float, ...]  # left edge of each column, then the right edge
    slots: tuple[Slot, ...]
    joints: tuple[Joint, ...]


Winner = Callable[[int], bool | None]
"""Given a contest number: True if white won, False if blue won, None if not decided."""


def lay_out(node: Node, widths: Sequence[float], pitch: float, winner: Winner,
            top: float = 0.0) -> Layout:
    """Lay out `node` with column widths (left to right; the last column is the winner's) and
    `pitch` millimetres between leaf lines. The first leaf line is `top` + one pitch down."""
    columns_needed = height(node) + 1
    if len(widths) < columns_needed:
        raise ValueError(f"the tree needs {columns_needed} column widths, not {len(widths)}")
    widths = list(widths[-columns_needed:])
    edges = [0.0]
    for w in widths:
        edges.append(edges[-1] + w)
    slots: list[Slot] = []
    joints: list[Joint] = []
    row = 0

    def place(sub: Tree, column: int, into: int | None, white: bool) -> float:
        nonlocal row
        won = into is not None and winner(into) is white
        if not isinstance(sub, Node):
            row += 1
            y = top + row * pitch
            slots.append(Slot(edges[column], y, widths[column], column, feed=sub, into=into,
                              white=white, won=won))
            return y
        number = sub.contest.number
        y_white = place(sub.white, column - 1, number, True)
        y_blue = place(sub.blue, column - 1, number, False)
        joints.append(Joint(edges[column], y_white, y_blue, number))
        y = (y_white + y_blue) / 2
        slots.append(Slot(edges[column], y, widths[column], column, contest=number, into=into,
                          white=white, won=won))
        return y

    place(node, columns_needed - 1, None, True)
    return Layout(edges[-1], top + (row + 1) * pitch, tuple(edges), tuple(slots),
                  tuple(joints))
