"""The open document: its scenarios, path and saved state, its undo commands, and saving it.

Every change to the document goes through the controller, which pushes an undo
command and emits a signal; widgets never change the scenarios themselves. The
package knows nothing of the window's layout.
"""
