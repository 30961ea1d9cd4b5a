"""Documents of templates and segments and the Word merge: template and segment documents,
personal texts, merge data and merge fields, the template check, and the letters."""
