"""What a person describes: scenarios, stages, sizes, quote details and planning settings.

Pydantic models with their bounds (the one source for form limits and CLI
checks) and the published usage tiers the settings are checked against. Nothing
here knows a price: the model is valid before any catalog is read.
"""
