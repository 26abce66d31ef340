"""The quote tools in the window: Quote Details, Print, Print Preview, Export, and the Charts tab.

Print, preview and PDF share one renderer (the core HTML laid out by
QTextDocument); exports of every other format are the core's text. The tools
reach the window only through :class:`gui.tool_host.ToolHost`.
"""
