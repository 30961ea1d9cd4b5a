"""Tests of segtui.domain.output: export writers."""
