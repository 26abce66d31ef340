"""pydantic, without the modules that drag development tools into the bundle.

Replaces the contributed hook, which collects every pydantic submodule as a
hidden import: among them the mypy plugin (pulls in all of mypy) and the v1
layer's hypothesis plugin (pulls in hypothesis, rich, pygments...), some 30 MB.
pydantic.v1 itself still comes in where pydantic imports it.
"""

from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules(
    "pydantic", filter=lambda name: not name.startswith(("pydantic.v1", "pydantic.mypy"))
)
