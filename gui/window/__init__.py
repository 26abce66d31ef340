"""The main window: its layout and wiring, the file lifecycle, and the safety net attached to it.

This is the only package that knows every other part of the window. It builds
the scenario list, the form and the tabs, connects them to the one
:class:`~gui.document.controller.DocumentController`, and hands the add-on
tools (quote, planning) a :class:`gui.tool_host.ToolHost` instead of itself.
"""
