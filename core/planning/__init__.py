"""What to spend: budgets, the cost table, rate limits and growth, with their terminal text.

Each tool takes estimates (or the catalog) and returns plain results that the
window's Plan tab and ``imagecost-cli budget/table/limits/growth`` both show.
No pricing rule lives here.
"""
