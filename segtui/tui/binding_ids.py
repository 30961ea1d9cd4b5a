"""Every key binding of the TUI by id, with its default keys: what a `[keymap]` in the config
file may remap (segtui.config checks the ids before anything starts, without importing the TUI).

A test (tests/tui/test_keymap.py) keeps this in step with the BINDINGS of every screen, dialog and
widget: a binding added, removed or given other keys there must be listed here too. An id's first
part is its area: the bindings of one screen, dialog or widget class (the two tables share
`table.*`, with the same keys).
"""
from collections.abc import Mapping

APP_AREA = "app"
GO_PREFIX = "app.go_"  # the app's keys to its sections (F2 … F8): one entry in the key bar

BINDING_KEYS: dict[str, str] = {
    "add_line.add": "ctrl+s",
    "add_line.cancel": "escape",
    "add_line.lookup": "f4",
    "app.back": "escape",
    "app.go_contacts": "f7",
    "app.go_interaction_log": "f6",
    "app.go_segment_log": "f3",
    "app.go_segments": "f2",
    "app.go_setup": "f8",
    "app.help": "f1",
    "app.quit": "ctrl+q",
    "app.theme": "ctrl+t",
    "cancel_journal.close": "escape,q",
    "comments.close": "escape",
    "confirm.cancel": "escape",
    "confirm.no": "n",
    "confirm.switch": "left,right,tab,shift+tab",
    "confirm.yes": "y",
    "contact_card.add": "plus,insert",
    "contact_card.back": "escape",
    "contact_card.next_tab": "ctrl+pagedown",
    "contact_card.previous_tab": "ctrl+pageup",
    "contact_card.reload": "f5,ctrl+r",
    "contact_card.remove": "minus,delete",
    "contacts.clear_filter": "escape",
    "contacts.delete": "d,delete",
    "contacts.export_list": "E",
    "contacts.filter": "slash",
    "contacts.import": "i",
    "contacts.new": "n,insert",
    "contacts.open": "enter",
    "criteria.apply": "ctrl+s",
    "criteria.cancel": "escape",
    "criteria.help": "f1",
    "criteria.lookup": "f4",
    "criteria.source_business": "r,alt+r",
    "criteria.source_contact": "c,alt+c",
    "criteria.source_industry": "i,alt+i",
    "criteria.source_interaction": "l,alt+l",
    "criteria.source_jobresp": "j,alt+j",
    "criteria.source_mailing": "m,alt+m",
    "criteria.source_other": "o,alt+o",
    "criteria.source_profile": "p,alt+p",
    "criteria.source_segment": "s,alt+s",
    "criteria_view.close": "escape,q",
    "documents.check": "k",
    "documents.close": "escape,q",
    "documents.export": "x",
    "documents.import": "i",
    "documents.remove": "r",
    "entry_filter.apply": "enter,ctrl+s",
    "entry_filter.cancel": "escape",
    "entry_filter.clear": "ctrl+l",
    "entry_filter.next": "down",
    "entry_filter.previous": "up",
    "evaluate.cancel": "escape",
    "export.cancel": "escape",
    "field.lookup": "f4",
    "header.campaign": "alt+c",
    "header.general": "alt+g",
    "header.interaction": "alt+i",
    "help.close": "escape,f1,q",
    "help.down": "down,j",
    "help.up": "up,k",
    "import.cancel": "escape",
    "import.check": "ctrl+d",
    "import.import": "ctrl+s",
    "import_report.close": "escape,enter",
    "import_report.import_now": "i",
    "import_report.save": "s",
    "interactions.back": "escape",
    "interactions.cancel": "c",
    "interactions.clear_filter": "escape",
    "interactions.comments": "m",
    "interactions.evaluate": "e",
    "interactions.export": "x",
    "interactions.export_list": "E",
    "interactions.filter": "slash,f",
    "interactions.mark": "space",
    "interactions.open_contact": "o,enter",
    "interactions.reload": "r,f5",
    "interactions.resend": "s",
    "interactions.show": "v",
    "interactions.statistics": "t",
    "interactions.uncancel": "u",
    "labels.cancel": "escape",
    "labels.layout_1": "1",
    "labels.layout_2": "2",
    "labels.layout_3": "3",
    "labels.layout_4": "4",
    "labels.write": "ctrl+s",
    "line.close": "escape",
    "line.inherit": "ctrl+r",
    "log.cancel": "escape",
    "log.hard_copy": "h",
    "log.log": "ctrl+l,ctrl+s",
    "log.remove_no_address": "x",
    "lookup.cancel": "escape",
    "lookup.choose": "enter",
    "lookup.down": "down",
    "lookup.page_down": "pagedown",
    "lookup.page_up": "pageup",
    "lookup.search": "slash",
    "lookup.up": "up",
    "merge.cancel": "escape",
    "merge.merge": "ctrl+s",
    "navigation.down": "down,j",
    "navigation.open": "enter",
    "navigation.up": "up,k",
    "path.cancel": "escape",
    "personal_text.close": "escape",
    "personal_text.remove": "ctrl+d",
    "personal_text.save": "ctrl+s",
    "reason.accept": "ctrl+s",
    "reason.cancel": "escape",
    "record.close": "escape",
    "record.create": "ctrl+s",
    "resend.cancel": "escape",
    "resend.send": "ctrl+s",
    "reuse_options.accept": "ctrl+s",
    "reuse_options.cancel": "escape",
    "row_view.close": "escape,q,w",
    "save_criteria.cancel": "escape",
    "save_criteria.save": "ctrl+s",
    "segment.add_contacts": "a",
    "segment.add_line": "n,insert",
    "segment.apply_mailing_group": "i",
    "segment.back": "escape",
    "segment.criteria": "c",
    "segment.documents": "D",
    "segment.edit_line": "e,enter",
    "segment.export_list": "E",
    "segment.go_back": "b,ctrl+z",
    "segment.header": "h",
    "segment.labels": "L",
    "segment.log": "l",
    "segment.merge": "m",
    "segment.personal_text": "p",
    "segment.preview": "v",
    "segment.reduce_contacts": "r",
    "segment.refine_contacts": "f",
    "segment.reload": "f5,ctrl+r",
    "segment.remove_line": "d,delete",
    "segment.reuse_criteria": "u",
    "segment.reuse_logged": "o",
    "segment.save_criteria": "s",
    "segment_documents.close": "escape,q",
    "segment_documents.create": "c",
    "segment_documents.export": "x",
    "segment_documents.import": "i",
    "segment_documents.remove": "r",
    "segment_log.cancel": "c",
    "segment_log.clear_filter": "escape",
    "segment_log.delete": "d,delete",
    "segment_log.export_list": "E",
    "segment_log.filter": "slash",
    "segment_log.follow_up": "f",
    "segment_log.interactions": "enter",
    "segment_log.journal": "J",
    "segment_log.labels": "L",
    "segment_log.reload": "r,f5",
    "segment_log.resend": "s",
    "segment_log.uncancel": "u",
    "segments.clear_filter": "escape",
    "segments.delete": "d,delete",
    "segments.export_list": "E",
    "segments.filter": "slash",
    "segments.new": "n,insert",
    "segments.open": "enter",
    "segments.reload": "r,f5",
    "setup.clear_filter": "escape",
    "setup.delete": "d,delete",
    "setup.documents": "o",
    "setup.edit": "enter",
    "setup.filter": "slash",
    "setup.new": "n,insert",
    "setup.pages": "p",
    "setup.reload": "f5",
    "setup_pages.down": "down,j",
    "setup_pages.into": "right,l",
    "setup_pages.open": "enter",
    "setup_pages.up": "up,k",
    "statistics.close": "escape",
    "table.down": "down,j",
    "table.first": "home,g,ctrl+home",
    "table.last": "end,G,ctrl+end",
    "table.page_down": "pagedown,ctrl+f",
    "table.page_up": "pageup,ctrl+b",
    "table.show_row": "w",
    "table.up": "up,k",
    "text_view.close": "escape,q",
    "work.cancel": "escape",
}


def keymap_clash(keymap: Mapping[str, str]) -> str | None:
    """What is wrong when `keymap` gives a key to a binding that another binding of the same
    area (or of the app, whose keys act on every screen) keeps: the other would silently lose it.
    None when there is no such clash. Both remapped (a swap) is fine.

    Textual's own report of clashes (App.handle_bindings_clash) is not used: in Textual 8.2.8 it
    misses a binding that loses its key and names one that does not. A key of a screen given to
    a binding of the focused widget, or the other way round, is not caught here (the nearer one
    wins, as Textual decides)."""
    if not keymap:
        return None
    from textual.binding import Binding  # only for a keymap: keys as Textual names them

    def keys(binding_id: str) -> set[str]:
        text = keymap.get(binding_id, BINDING_KEYS[binding_id])
        return {binding.key for binding in Binding.make_bindings([Binding(text, "")])}

    clashes = []
    for remapped in keymap:
        area = remapped.partition(".")[0]
        for other in BINDING_KEYS:
            if other == remapped or APP_AREA not in (area, other.partition(".")[0]) and \
                    other.partition(".")[0] != area:
                continue
            shared = keys(remapped) & keys(other)
            if shared and not (other in keymap and other < remapped):
                clashes.append(f"{remapped} and {other} both have {', '.join(sorted(shared))}")
    if not clashes:
        return None
    return ("[keymap] gives a key to a binding that another still has: " + "; ".join(clashes)
            + " (give the other binding another key too)")
