"""Actual usage: what the API really billed, read from files, reconciled with the plan.

Four inputs, told apart by content (docs/actuals.md): Images API responses (JSON
Lines), Batch API input and output files, Usage API and Costs API exports. The
readers stream one record at a time and drop image data before it is kept;
``reconcile`` groups calls by model, quality and size, matches the groups to
scenarios and prices the tokens exactly from the price sheets. Nothing here
writes a scenario file: calibrating is the person's own step.
"""
