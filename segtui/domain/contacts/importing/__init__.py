"""Importing a contact file: reading the CSV (encodings, Excel's habits), checking each row,
checking rows against each other and the database, and writing them in one transaction."""
