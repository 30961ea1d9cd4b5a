"""Pilot tests of the dialogs (segtui.tui.dialogs)."""
