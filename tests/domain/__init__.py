"""Service tests of the domain, one folder per feature package of segtui/domain."""
