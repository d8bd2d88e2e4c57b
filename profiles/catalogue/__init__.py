"""The catalogue's files and life cycle: the family file format and its limits (`files`, `limits`,
`workbook_limits`), import and export (`importing`, `exporting`, `spreadsheet`, `archive`),
uploads with their preview (`uploads`, `diff`), published versions (`versions`, `selectors`) and
the data version every write moves (`changes`).

`manage.py import_families` and an upload in /beheer/ share one validation and one import.
The public pages (views, filters, search, tables) stay in `profiles`.
"""
