"""The documents people keep: scenario files, their older formats, and autosave records.

Loading refuses anything unsafe or wrong with the file, line and field; it does
not price (callers pass the catalog's check); saving goes through
:mod:`core.files.atomic`. Independent of planning and quote output.
"""
