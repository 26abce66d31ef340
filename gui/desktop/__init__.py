"""Platform glue: the app's identity on the desktop, files the desktop hands over, remembered settings.

Small and Qt-facing; nothing here knows scenarios or prices.
"""
