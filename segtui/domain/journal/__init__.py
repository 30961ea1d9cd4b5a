"""After Log: the Segment Log (logged segments), the Interaction Log, the cancel journal,
delivery of the entries by e-mail, resending, and a sent document as it was sent."""
