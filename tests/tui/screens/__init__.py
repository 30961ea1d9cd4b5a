"""Pilot tests of the screens (segtui.tui.screens)."""
