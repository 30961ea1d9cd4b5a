"""The command palette's "area: verb" commands: the declared key bindings of a screen and app,
and "go to: <section>" for each section of the app (its F2… keys)."""
from collections.abc import Iterator, Mapping
from functools import partial

from textual.actions import parse
from textual.binding import Binding, BindingsMap
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen

from segtui.i18n import _
from segtui.tui.binding_ids import GO_PREFIX
from segtui.tui.literal import literal, markup_safe, printable
from segtui.tui.textual_texts import description


def is_go_binding(binding: Binding) -> bool:
    """True for a key that goes to a section of the app."""
    return bool(binding.id) and binding.id.startswith(GO_PREFIX)


def normalized_keymap(keymap: Mapping[str, str]) -> dict[str, str]:
    """`keymap` with its keys as Textual names them in bindings ("?" → "question_mark"), so it
    applies to a BindingsMap as the app applies it."""
    return {binding_id: ",".join(binding.key for binding in Binding.make_bindings(
        [Binding(keys, "")])) for binding_id, keys in keymap.items()}


def declared_bindings(node: DOMNode) -> list[Binding]:
    """The bindings `node`'s classes declare in BINDINGS, one per key, a base class's first (as
    Textual merges them; no screen or app of segtui sets inherit_bindings=False)."""
    declared = []
    for base in reversed(type(node).__mro__):
        declared += base.__dict__.get("BINDINGS", [])
    return list(Binding.make_bindings(declared))


def _group(binding: Binding) -> object:
    return binding.id or (binding.action, binding.description)


def _in_declared_order(node: DOMNode, groups: list[list[Binding]]) -> list[list[Binding]]:
    """`groups` in the order `node` declares them (a keymap moves a remapped key to the end)."""
    order: dict[object, int] = {}
    for index, binding in enumerate(declared_bindings(node)):
        order.setdefault(_group(binding), index)
    return sorted(groups, key=lambda bindings: order.get(_group(bindings[0]), len(order)))


def node_bindings(node: DOMNode) -> list[list[Binding]]:
    """The bindings of `node` with the keys the app's keymap gives them (SegtuiApp.keymap), one
    list of one-key bindings per declared binding, in declaration order."""
    bindings = BindingsMap(declared_bindings(node))
    keymap = getattr(node.app, "keymap", None)
    if keymap:
        bindings.apply_keymap(keymap)  # so remapped keys show as the user set them
    grouped: dict[object, list[Binding]] = {}
    for _key, binding in bindings:
        grouped.setdefault(_group(binding), []).append(binding)
    return _in_declared_order(node, list(grouped.values()))


def focused_bindings(screen: Screen) -> list[tuple[DOMNode, list[Binding]]]:
    """The bindings that act now in the focused widget and its containers (not the screen nor the
    app), as Textual resolves them (Screen.active_bindings: with the keymap, a key taken by a
    nearer widget or a priority binding left out): (node, its one-key bindings) per binding,
    the focused widget's first."""
    grouped: dict[tuple[int, object], tuple[DOMNode, list[Binding]]] = {}
    for active in screen.active_bindings.values():
        if active.node is not screen and active.node is not screen.app:
            grouped.setdefault((id(active.node), _group(active.binding)),
                               (active.node, []))[1].append(active.binding)
    by_node: dict[int, tuple[DOMNode, list[list[Binding]]]] = {}
    for node, bindings in grouped.values():
        by_node.setdefault(id(node), (node, []))[1].append(bindings)
    return [(node, bindings) for node, groups in by_node.values()
            for bindings in _in_declared_order(node, groups)]


def keys_display(app, bindings: list[Binding]) -> str:
    """The keys of one declared binding as Textual shows them, e.g. "n insert"."""
    return " ".join(dict.fromkeys(app.get_key_display(binding) for binding in bindings))


def command_area(screen: Screen) -> str:
    """The area a screen's commands are named by: its COMMAND_AREA, else its class name."""
    return getattr(screen, "COMMAND_AREA", "") or screen.__class__.__name__.removesuffix(
        "Screen").lower()


def is_available(node: DOMNode, binding: Binding) -> bool:
    """False when `node` says the binding's action cannot run now."""
    _namespace, name, parameters = parse(binding.action)
    return node.check_action(name, parameters) is not False


def binding_commands(screen: Screen) -> Iterator[tuple[str, DOMNode, list[Binding]]]:
    """Each available declared binding of `screen` and of the app, as ("area: verb", node, its
    one-key bindings)."""
    for node, area in ((screen, command_area(screen)), (screen.app, _("app"))):
        for bindings in node_bindings(node):
            first = bindings[0]
            if first.id and first.description and is_available(node, first):
                named = _("go to") if is_go_binding(first) else area
                yield f"{named}: {description(first).lower()}", node, bindings


class BindingCommands(Provider):
    """Offers the keys of the screen below the palette and of the app as commands."""

    def _commands(self) -> list[tuple[str, partial, str]]:
        return [(name, partial(node.run_action, bindings[0].action),
                 keys_display(self.app, bindings))
                for name, node, bindings in binding_commands(self.screen)]

    async def discover(self) -> Hits:
        for name, run, key in self._commands():
            yield DiscoveryHit(literal(name), run, text=printable(name), help=markup_safe(key))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, key in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(markup_safe(name)), run, text=printable(name),
                          help=markup_safe(key))
