"""Tests of segtui.domain.segments: headers, lines, criteria actions, Log."""
