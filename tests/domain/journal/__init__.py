"""Tests of segtui.domain.journal: Segment Log, Interaction Log, delivery."""
