"""The command palette's "area: verb" commands: the declared key bindings of a screen and app."""
from collections.abc import Iterator
from functools import partial

from textual.actions import parse
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen

from segtui.tui.literal import literal, markup_safe, printable


def node_bindings(node: DOMNode) -> list[list[Binding]]:
    """The bindings of `node` (as the user's keymap leaves them), one list of one-key bindings per
    declared binding, in declaration order."""
    bindings = node._bindings.copy()
    bindings.apply_keymap(node.app._keymap)  # so remapped keys show as the user set them
    grouped: dict[object, list[Binding]] = {}
    for _key, binding in bindings:
        grouped.setdefault(binding.id or (binding.action, binding.description), []).append(binding)
    return list(grouped.values())


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
    for node, area in ((screen, command_area(screen)), (screen.app, "app")):
        for bindings in node_bindings(node):
            first = bindings[0]
            if first.id and first.description and is_available(node, first):
                yield f"{area}: {first.description.lower()}", node, bindings


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
