"""Contacts: the paged contact list, the contact card, the rules on contact records, and the
columns of a contact file with the export that writes it."""
