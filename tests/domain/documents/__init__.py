"""Tests of segtui.domain.documents: documents, merge data, letters."""
