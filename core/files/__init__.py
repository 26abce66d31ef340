"""Files on this computer, read and written safely, knowing nothing of what they hold.

Safe YAML in and out (with the line of every field, for error messages), atomic
writes that keep a ``.bak``, the state a file had when the app last touched it,
and the app's own folders. Everything above (price sheets, scenario files,
autosave) reads and writes through here, so there is one atomic-write path and
one place that names the user folders.
"""
