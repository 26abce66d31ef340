"""The quote handed to a client or finance: one document, rendered as HTML, Markdown, CSV, JSON and SVG charts.

:class:`~core.quote.quote.Quote` gathers priced scenarios and the quote details;
each renderer only formats it, and the charts draw figures they are given (they
never price). The window prints through the HTML; the CLI writes every format.
"""
