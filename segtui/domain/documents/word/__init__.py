"""Word documents as packages of XML parts, with no database: parse a template, merge fields,
write text in, combine letters, show a document as text. Nothing here imports the store."""
