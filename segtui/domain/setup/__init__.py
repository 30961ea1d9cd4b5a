"""Setup: the code tables (salespeople, templates, industries …) with one declared spec per
table, pick lists for code fields, and the number series."""
