"""Tests of segtui.domain.setup: code tables and number series."""
