"""The TUI with Pilot at 80x24, keys only, and snapshots of key screens."""
