"""Planning tools in the window: budget, cost table, rate limits, growth, stages, re-pricing.

Each widget shows what a ``core`` function computes (the CLI prints the same
results); no pricing rule lives here.
"""
