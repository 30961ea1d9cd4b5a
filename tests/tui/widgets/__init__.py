"""Pilot tests of the widgets (segtui.tui.widgets)."""
