"""Segments: the header and its questions, lines by hand, Add / Reduce / Refine and Go Back,
criteria sources, saved criteria, the Log action and the segment's read-only views."""
