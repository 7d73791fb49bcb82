"""Many components of one kind and the same props, e.g. a table's cells, built without checking the props each time.

Dash checks every prop of each component it builds; a table of a few hundred
cells spends most of its time there. ``copies`` checks them once.
"""

from __future__ import annotations

from collections.abc import Callable

from dash.development.base_component import Component


def copies(kind: type[Component], **props: object) -> Callable[[object], Component]:
    """``kind(children, **props)`` for many ``children``, e.g. a table's cells: the same components, props and JSON.

    Dash checks every prop of each component it builds; here they are checked once, on a first component, and
    each one made is a copy of it holding its own children.

    >>> from dash import html
    >>> amount = copies(html.Td, className="text-end")
    >>> amount("1 €").to_plotly_json() == html.Td("1 €", className="text-end").to_plotly_json()
    True
    >>> copies(html.Th, className=None)("Vuosi").to_plotly_json()["props"]
    {'children': 'Vuosi', 'className': None}
    """
    props_checked = vars(kind(**props))

    def make(children: object = None) -> Component:
        made = kind.__new__(kind)
        made.__dict__.update(props_checked)
        made.children = children
        return made

    return make
