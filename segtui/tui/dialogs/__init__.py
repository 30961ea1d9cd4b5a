"""Modal dialogs: each is a ModalScreen that dismisses with its answer; Escape cancels."""
