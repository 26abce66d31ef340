"""What a scenario costs: price sheets, the catalog, the engine and its itemised estimate.

The catalog is built from the bundled sheets overlaid by the person's own; the
engine turns a scenario into an :class:`~core.pricing.estimate.Estimate`, and
re-pricing compares two sheets. Every figure shown anywhere is computed here,
once; planning, storage and quote output only read estimates.
"""
