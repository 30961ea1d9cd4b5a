"""Files the user asks for: streaming CSV/JSON/Excel writers, exports of a paged list, checks
that an output target can be written, and safe file names made from data."""
