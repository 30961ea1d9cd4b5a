"""A shipped migration is never edited: each migration file's bytes are pinned by their sha256.

Databases were made with every version of a migration that ever shipped, and the runner skips a
migration whose name is in a database's history, so an edit reaches new databases only and
leaves the old ones behind. A schema change is a new migration; adding one means adding its
checksum here.
"""
import hashlib
import sys

from segtui.store.connection import MIGRATIONS_DIR

SHIPPED = {
    "0001_initial.py": "e1abac7d8e29d67e8fb3bcc6193ea4d2c5518c423d3d15819689ed3d8a75f594",
    "0002_interaction_log_filter_indexes.py":
        "6c40dce7bd09d118704a292e78531950f87faeb500d4d52fffde0ccb4e4a15e2",
    "0003_upgrade_earlier_schemas.py":
        "c69701c64a5ed91719fe4284829e1cf4c4c063a851ac95cf59992305ebe7fa49",
    "0004_interaction_log_delivered.py":
        "d52d8f73595a80028771e444c3ac336a8bb0df6ce207ed04d94b18e908660065",
    "0005_segment_line_own_fields.py":
        "3343af756a56699d02b2073fa84b0e8beba5aec0e9e8abdec3e78de9e674d6d1",
}


def checksums() -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(MIGRATIONS_DIR.glob("[0-9]*.py"))}


def changed_message(found: dict[str, str], shipped: dict[str, str]) -> str | None:
    """What to tell whoever edited a shipped migration, or None when none changed."""
    changed = [name for name, digest in found.items()
               if name in shipped and digest != shipped[name]]
    if not changed:
        return None
    return (f"shipped migration(s) {', '.join(changed)} changed: databases made with the old "
            "text keep their old schema, so never edit a migration once it has shipped; put the "
            "change in a new numbered migration instead (and restore the file from git)")


def test_no_shipped_migration_has_changed():
    message = changed_message(checksums(), SHIPPED)
    assert message is None, message


def test_an_edited_migration_is_told_to_become_a_new_one(tmp_path, monkeypatch):
    edited = tmp_path / "0001_initial.py"
    edited.write_bytes((MIGRATIONS_DIR / "0001_initial.py").read_bytes() + b"# one more line\n")
    monkeypatch.setattr(sys.modules[__name__], "MIGRATIONS_DIR", tmp_path)
    message = changed_message(checksums(), SHIPPED)
    assert message is not None and "0001_initial.py" in message
    assert "new numbered migration instead" in message


def test_every_migration_is_pinned_and_none_is_gone():
    found = checksums()
    unpinned = sorted(set(found) - set(SHIPPED))
    assert not unpinned, (
        f"new migration(s) {', '.join(unpinned)}: add each one's sha256 to SHIPPED in this test "
        "(it is then shipped and never edited again)")
    gone = sorted(set(SHIPPED) - set(found))
    assert not gone, f"shipped migration(s) {', '.join(gone)} removed: databases record them"
