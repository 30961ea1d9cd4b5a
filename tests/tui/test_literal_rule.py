"""Every text a screen draws goes through segtui.tui.literal: checked over the source of segtui/tui.

A text handed to a widget (Static, Label, Button, a DataTable cell, `update`, a border title, a
screen title, a palette hit, a TextArea …) must be a constant, a translation of a constant, or the
result of one of literal's helpers; anything else (a variable, an attribute, an f-string or a
`.format` of data) is refused here, so no data can reach the screen unconverted. rich's Text and
Textual's Content are made only in literal.py (a Text made elsewhere could hold raw data), and
nothing reads a text as markup.
"""
import ast
from pathlib import Path

import pytest

import segtui.tui

TUI = Path(segtui.tui.__file__).parent
HELPERS = {"printable", "printable_lines", "literal", "literal_lines", "literal_title",
           "literal_styled", "literal_grid", "markup_safe", "Literal"}
TRANSLATIONS = {"_", "n_"}
SAFE_CALLS = {"len"}  # a number
SAFE_WHEN_ARGUMENTS_ARE = {"format"}  # a safe text formatted with safe values
MARKUP_READERS = {"highlight"}  # read their str as markup: safe only when given markup_safe(…)
# sink name -> which positional arguments are texts ("*": all of them)
SINKS = {"Static": (0,), "Label": (0,), "Button": (0,), "Checkbox": (0,), "RadioButton": (0,),
         "Option": (0,), "TabPane": (0,), "TextArea": (0,), "update": (0,), "load_text": (0,),
         "add_row": "*", "add_column": (0,), "add_columns": "*", "update_cell_at": (1,),
         "update_cell": (2,), "Hit": (1,), "DiscoveryHit": (0,), "ConfirmDialog": (),
         "ReasonDialog": (), "TextViewDialog": ()}
TEXT_KEYWORDS = {"help", "prompt", "tooltip", "label", "placeholder", "text"}
TEXT_ATTRIBUTES = {"border_title", "border_subtitle", "title", "sub_title", "tooltip"}
FORBIDDEN_IMPORTS = {"rich.text", "textual.content", "rich.markup", "textual.markup"}


def call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def is_stylesheet(node: ast.Call) -> bool:
    """`….stylesheet.update(…)`: CSS, not a text."""
    func = node.func
    return (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute)
            and func.value.attr == "stylesheet")


def is_safe(node: ast.AST) -> bool:
    """A text that may be drawn as it is: constant, translated constant, or made by literal."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(part, ast.Constant) or is_safe(part.value) for part in node.values)
    if isinstance(node, ast.IfExp):
        return is_safe(node.body) and is_safe(node.orelse)
    if isinstance(node, ast.BoolOp):
        return all(is_safe(value) for value in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return is_safe(node.left) and is_safe(node.right)
    if isinstance(node, ast.Starred):
        return is_safe(node.value)
    if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
        return is_safe(node.elt)
    if isinstance(node, (ast.Tuple, ast.List)):
        return all(is_safe(element) for element in node.elts)
    if isinstance(node, ast.Call):
        name = call_name(node)
        if name in HELPERS or name in SAFE_CALLS:
            return True
        if name in MARKUP_READERS:
            return all(isinstance(arg, ast.Call) and call_name(arg) == "markup_safe"
                       for arg in node.args)
        if name in TRANSLATIONS and isinstance(node.func, ast.Name):
            # n_'s last argument is the count, a number it formats itself
            texts = node.args[:2] if name == "n_" else node.args
            return all(isinstance(arg, ast.Constant) for arg in texts)
        if name in SAFE_WHEN_ARGUMENTS_ARE and isinstance(node.func, ast.Attribute):
            receiver_safe = name != "format" or is_safe(node.func.value)
            return (receiver_safe and all(is_safe(arg) for arg in node.args)
                    and all(is_safe(keyword.value) for keyword in node.keywords))
    return False


def violations(source: str, name: str = "<source>") -> list[str]:
    """Where `source` hands a text to the screen without literal (one line each)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        where = f"{name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.ImportFrom) and node.module in FORBIDDEN_IMPORTS:
            found.append(f"{where}: imports {node.module} (make texts with segtui.tui.literal)")
        elif isinstance(node, ast.Import):
            found += [f"{where}: imports {alias.name}" for alias in node.names
                      if alias.name in FORBIDDEN_IMPORTS]
        elif isinstance(node, ast.Attribute) and node.attr in ("from_markup", "from_ansi"):
            found.append(f"{where}: reads a text as {node.attr[5:]}")
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if (isinstance(target, ast.Attribute) and target.attr in TEXT_ATTRIBUTES
                        and not is_safe(node.value)):
                    found.append(f"{where}: {target.attr} = {ast.unparse(node.value)}")
        elif isinstance(node, ast.Call) and call_name(node) in SINKS and not is_stylesheet(node):
            positions = SINKS[call_name(node)]
            texts = [arg for index, arg in enumerate(node.args)
                     if positions == "*" or index in positions]
            texts += [keyword.value for keyword in node.keywords if keyword.arg in TEXT_KEYWORDS]
            found += [f"{where}: {call_name(node)}({ast.unparse(text)})" for text in texts
                      if not is_safe(text)]
    return found


def tui_sources() -> list[Path]:
    return sorted(path for path in TUI.rglob("*.py") if path.name != "literal.py")


def test_every_text_drawn_by_the_tui_goes_through_literal():
    found = [line for path in tui_sources()
             for line in violations(path.read_text(), str(path.relative_to(TUI)))]
    assert found == []


@pytest.mark.parametrize("source", [
    "box.border_title = self.dialog_title",
    "box.border_title = _('As sent · {name}').format(name=row.contact_name)",
    "self.sub_title = self.values['name']",
    "yield Static(message, markup=False)",
    "label.update(Text(message))",
    "table.add_row(row.name, _('Yes'))",
    "Static(f'{title} · {self.key}')",
    "yield Hit(score, name, run, help=key)",
    "yield Hit(score, matcher.highlight(printable(name)), run)",
    "from rich.text import Text",
    "Content.from_markup(name)",
    "self.query_one(Static).update(event.status)",
])
def test_the_rule_catches_a_text_that_bypasses_literal(source):
    assert violations(source)


@pytest.mark.parametrize("source", [
    "box.border_title = literal_title(self.dialog_title)",
    "box.border_title = _('Keys')",
    "yield Static(_('Loading…'), markup=False)",
    "label.update(literal(message))",
    "table.add_row(literal(row.name), _('Yes') if row.canceled else '')",
    "self.title = printable(_('Segment {no}').format(no=self.segment_no))",
    "status.update(_('{count} rows').format(count=len(rows)))",
    "table.add_row(*(literal(value) for value in values))",
    "yield Hit(score, matcher.highlight(markup_safe(name)), run, help=markup_safe(key))",
])
def test_the_rule_lets_constant_and_literal_texts_through(source):
    assert violations(source) == []
