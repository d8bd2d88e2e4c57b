"""The functional administration of the functiehuis: uploads, published versions, diffs, exports.

The catalogue's file format itself is read by `profiles.family_files` and written by
`profiles.family_import` / `profiles.family_export`; this package builds on them, so an upload in
/beheer/ and `manage.py import_families` share one validation and one import.
"""
