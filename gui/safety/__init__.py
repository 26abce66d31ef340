"""What keeps the person's work safe: autosave and recovery, the crash dialog, the changed-on-disk question.

Independent of the window's layout: each piece works on the document controller
and a parent widget; :mod:`gui.window.safety_net` attaches them to the window.
"""
