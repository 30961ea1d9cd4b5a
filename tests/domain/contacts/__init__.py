"""Tests of segtui.domain.contacts: the list, the card, export."""
