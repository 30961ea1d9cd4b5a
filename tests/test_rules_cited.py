"""Rule ids cited in code are those of docs/rules.md; nothing cites a file outside the repository.

A rule id is cited in a comment or a docstring (`M-30`, `L11–L13`, `C9`), so test data in
strings (contact numbers such as "H1" or "P-X1") is not taken for one, nor are the C0 and C1
control-character sets named beside DEL or "control"."""
import ast
import io
import re
import subprocess
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "docs" / "rules.md"
CITING = ("segtui", "tests", "benchmarks", "screenshots")  # where code and tests cite rule ids
CHECKED = CITING + ("docs", "README.md", "SECURITY.md")    # what must stay inside the repository

# Checklist items (M-01, S-16, C-11) and rules (H1, SL9, C10, L0, P6, D2, X9, J1, T7, K5, Q13,
# R7, V1); C0 is no rule (criteria rules start at C1), it is a control-character set.
RULE_ID = r"(?:[MSC]-\d{2}|SL\d{1,2}|C[1-9]\d?|[HLXTPDJKQRV]\d{1,2})"
CITATION = re.compile(
    rf"(?<![\w-])({RULE_ID})(?:\s*(?:–|-|…|\.\.\.?)\s*({RULE_ID}))?(?![\w-])")
CONTROL_SETS = re.compile(r"\bDEL\b|control", re.IGNORECASE)
# Written in two parts so that this file does not hold what it looks for.
OUTSIDE = ("DOMAIN" + ".md", "DESIGN" + ".md", ".." + "/shared", "/" + "work/")


def expand(first: str, last: str | None) -> list[str]:
    """`first`, or every id from `first` to `last` when they name a range of one family."""
    if not last:
        return [first]
    prefix, start = re.fullmatch(r"(\D+)(\d+)", first).groups()
    last_prefix, end = re.fullmatch(r"(\D+)(\d+)", last).groups()
    if prefix != last_prefix or int(end) < int(start):
        return [first, last]
    width = len(start) if prefix.endswith("-") else 0
    return [f"{prefix}{number:0{width}d}" for number in range(int(start), int(end) + 1)]


def ids_in(text: str) -> list[str]:
    """The rule ids a comment or docstring cites, ranges spelt out."""
    found = []
    for match in CITATION.finditer(text):
        found += expand(match.group(1), match.group(2))
    if CONTROL_SETS.search(text):
        found = [rule for rule in found if rule not in ("C0", "C1")]
    return found


def tracked_files(*roots: str) -> list[Path]:
    """The files git tracks under `roots` (a walk of them when git is not at hand)."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", *roots], cwd=ROOT,
                                capture_output=True, check=True).stdout
        paths = [ROOT / name for name in listed.decode().split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        paths = [path for root in roots for path in
                 ([ROOT / root] if (ROOT / root).is_file() else (ROOT / root).rglob("*"))]
    return sorted(path for path in paths if path.is_file())


def text_of(path: Path) -> str | None:
    data = path.read_bytes()
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def comments_and_docstrings(source: str) -> list[tuple[int, str]]:
    """(line, text) of every comment and every bare string statement (docstrings) of `source`."""
    blocks = [(token.start[0], token.string)
              for token in tokenize.generate_tokens(io.StringIO(source).readline)
              if token.type == tokenize.COMMENT]
    blocks += [(node.lineno, node.value.value) for node in ast.walk(ast.parse(source))
               if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
               and isinstance(node.value.value, str)]
    return blocks


def defined_ids() -> list[str]:
    """Every id docs/rules.md defines: the first cell of its table rows, in order."""
    defined = []
    for line in RULES.read_text(encoding="utf-8").splitlines():
        cell = re.match(r"\|\s*([^|]+?)\s*\|", line)
        if cell and cell.group(1) not in ("id", "—") and not cell.group(1).startswith("-"):
            defined += ids_in(cell.group(1))
    return defined


def citations() -> dict[str, list[str]]:
    """Each cited rule id with the places (file:line) that cite it."""
    cited: dict[str, list[str]] = {}
    for path in tracked_files(*CITING):
        if path.suffix != ".py" or (source := text_of(path)) is None:
            continue
        for line, text in comments_and_docstrings(source):
            for rule in ids_in(text):
                cited.setdefault(rule, []).append(f"{path.relative_to(ROOT)}:{line}")
    return cited


def test_docs_rules_define_each_id_once():
    defined = defined_ids()
    assert len(defined) > 150
    twice = sorted({rule for rule in defined if defined.count(rule) > 1})
    assert not twice, f"defined more than once in docs/rules.md: {twice}"


def test_every_rule_id_cited_in_code_and_tests_is_defined():
    cited = citations()
    assert {"M-30", "L11", "C9", "SL7", "H3"} <= cited.keys()  # the scan finds citations at all
    defined = set(defined_ids())
    undefined = {rule: places for rule, places in cited.items() if rule not in defined}
    assert not undefined, f"cited but not defined in docs/rules.md: {undefined}"


def test_no_file_refers_to_a_place_outside_the_repository():
    found = []
    for path in tracked_files(*CHECKED):
        text = text_of(path)
        for number, line in enumerate((text or "").splitlines(), start=1):
            found += [f"{path.relative_to(ROOT)}:{number}: {needle}"
                      for needle in OUTSIDE if needle in line]
    assert not found, "\n".join(found)


def test_the_id_pattern_leaves_data_and_control_characters_alone():
    assert ids_in("C0 controls (but the newline), DEL, C1 controls") == []
    assert ids_in("contact P-X1 and P-D2") == []
    assert ids_in("M-25 … M-32, L11–L13, L5-L7, C6–C8 and SL4") == [
        *(f"M-{n}" for n in range(25, 33)), "L11", "L12", "L13", "L5", "L6", "L7",
        "C6", "C7", "C8", "SL4"]
