"""Compile the PO fragments `locale/<lang>/parts/*.po` into `locale/<lang>/LC_MESSAGES/segtui.mo`.

Run `python -m segtui.locale_build` (the wheel build and `i18n.setup` do it too). Stdlib only:
setup.py loads this file by path, before segtui is installed.
"""
import ast
import os
import struct
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

DOMAIN = "segtui"
LOCALE_DIR = Path(__file__).with_name("locale")
DEFAULT_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


class CatalogueError(Exception):
    """A fragment cannot be read, or two fragments translate one message differently."""


@dataclass(frozen=True)
class Message:
    """One PO entry: msgid (and plural), its translations, whether it is fuzzy, where it is."""
    msgid: str
    plural: str | None
    strings: tuple[str, ...]
    fuzzy: bool
    where: str

    @property
    def translated(self) -> bool:
        return not self.fuzzy and all(self.strings)


def read_po(path: Path) -> list[Message]:
    """The entries of a PO file (obsolete `#~` entries left out), the header entry included."""
    messages: list[Message] = []
    fields: dict[str, str] = {}
    current = ""
    fuzzy = False
    start = 0

    def finish() -> None:
        nonlocal fields, fuzzy, current
        if not fields:
            return
        if "msgid" not in fields:
            raise CatalogueError(f"{path.name}:{start}: an entry without msgid")
        plurals = sorted((int(key[7:-1]), text) for key, text in fields.items()
                         if key.startswith("msgstr["))
        strings = [fields["msgstr"]] if "msgstr" in fields else [text for _n, text in plurals]
        messages.append(Message(fields["msgid"], fields.get("msgid_plural"), tuple(strings),
                                fuzzy, f"{path.name}:{start}"))
        fields, fuzzy, current = {}, False, ""

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            if current.startswith("msgstr"):
                finish()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        if line.startswith('"'):
            if not current:
                raise CatalogueError(f"{path.name}:{number}: a string outside an entry")
            fields[current] += _unquote(line, path, number)
            continue
        keyword, _space, rest = line.partition(" ")
        if keyword not in ("msgid", "msgid_plural", "msgstr") and not keyword.startswith("msgstr["):
            raise CatalogueError(f"{path.name}:{number}: {keyword} is not supported")
        if keyword == "msgid":
            finish()
            start = number
        current = keyword
        fields[keyword] = _unquote(rest.strip(), path, number)
    finish()
    return messages


def _unquote(text: str, path: Path, number: int) -> str:
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise CatalogueError(f"{path.name}:{number}: expected a quoted string")
    try:
        return ast.literal_eval(text)
    except (SyntaxError, ValueError):
        raise CatalogueError(f"{path.name}:{number}: a bad string {text}") from None


def merge(paths: list[Path]) -> tuple[dict[str, Message], str]:
    """Every message of the fragments by msgid, and the Plural-Forms. A msgid in two fragments
    must be translated the same way in both (an empty or fuzzy entry gives way to a translation)."""
    merged: dict[str, Message] = {}
    plural_forms = ""
    for path in sorted(paths):
        for message in read_po(path):
            if not message.msgid:
                plural_forms = _plural_forms(message, plural_forms)
                continue
            other = merged.get(message.msgid)
            if (other and other.translated and message.translated
                    and (other.plural, other.strings) != (message.plural, message.strings)):
                raise CatalogueError(f"{message.msgid!r} is translated differently in "
                                     f"{other.where} and {message.where}")
            if other is None or (message.translated and not other.translated):
                merged[message.msgid] = message
    return merged, plural_forms or DEFAULT_PLURAL_FORMS


def _plural_forms(header: Message, found: str) -> str:
    for line in header.strings[0].splitlines():
        name, _colon, value = line.partition(":")
        if name.strip().lower() == "plural-forms":
            if found and found != value.strip():
                raise CatalogueError(f"{header.where}: Plural-Forms differs from another part")
            return value.strip()
    return found


def mo_bytes(messages: dict[str, Message], plural_forms: str = DEFAULT_PLURAL_FORMS) -> bytes:
    """A GNU .mo file of the translated messages (fuzzy and empty ones left out)."""
    header = f"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: {plural_forms}\n"
    pairs = {b"": header.encode()}
    for message in messages.values():
        if message.translated:
            key = message.msgid if message.plural is None else f"{message.msgid}\0{message.plural}"
            pairs[key.encode()] = "\0".join(message.strings).encode()
    keys = sorted(pairs)
    count = len(keys)
    data_start = 28 + 16 * count
    table, data = [], b""
    for text in keys + [pairs[key] for key in keys]:
        table.append((len(text), data_start + len(data)))
        data += text + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, count, 28, 28 + 8 * count, 0, data_start)
    return head + b"".join(struct.pack("<2I", *entry) for entry in table) + data


def parts(language_dir: Path) -> list[Path]:
    return sorted((language_dir / "parts").glob("*.po"))


def mo_path(language_dir: Path) -> Path:
    return language_dir / "LC_MESSAGES" / f"{DOMAIN}.mo"


def is_stale(language_dir: Path) -> bool:
    """True when the language has fragments and its .mo is missing or older than one of them."""
    fragments = parts(language_dir)
    target = mo_path(language_dir)
    if not fragments:
        return False
    if not target.exists():
        return True
    built = target.stat().st_mtime
    return any(path.stat().st_mtime > built for path in fragments + [language_dir / "parts"])


def compile_language(language_dir: Path, target: Path | None = None) -> Path:
    """Write the .mo of one language (atomically: readers never see half a file)."""
    target = target or mo_path(language_dir)
    content = mo_bytes(*merge(parts(language_dir)))
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as file:
        file.write(content)
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)
    return target


def languages(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """The language folders that have PO fragments."""
    if not locale_dir.is_dir():
        return []
    return sorted(path for path in locale_dir.iterdir() if parts(path))


def compile_all(locale_dir: Path = LOCALE_DIR, out_dir: Path | None = None) -> list[Path]:
    """Compile every language; into `out_dir` (same layout) instead of beside the parts if given."""
    return [compile_language(path, out_dir and mo_path(out_dir / path.name))
            for path in languages(locale_dir)]


def main() -> int:
    try:
        for path in compile_all():
            print(path)
    except CatalogueError as exc:
        print(f"locale_build: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
