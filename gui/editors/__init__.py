"""Widgets that edit the document: the scenario form, the stages editor and the quote details dialog.

Each shows a value and reports what the person changed; the window turns that
into an undo command on the document controller.
"""
