"""Widgets that show the document and shared building blocks: tables, totals, breakdown, charts, messages.

Read-only over core objects (estimates, scenarios); the small shared pieces
(table styling, cells, the SVG chart widget, the few modal questions) live here
so editors and tools reuse one of each.
"""
