"""File names made from data (contact names, subjects) that can never leave their folder."""
import re
import unicodedata

RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
            *(f"LPT{n}" for n in range(1, 10))}
UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def safe_file_name(text: str, *, fallback: str = "document", max_length: int = 80) -> str:
    """A single path component: no separators, control characters or `..`, bounded length."""
    name = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))
    name = "".join(char for char in name if unicodedata.category(char) not in ("Cf", "Cc"))
    name = UNSAFE.sub("_", name).strip(" .")
    name = name.encode("utf-8")[:max_length].decode("utf-8", "ignore").strip(" .")
    if not name or name.split(".")[0].upper() in RESERVED:
        name = f"{fallback}_{name}" if name else fallback
    return name
