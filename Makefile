# Image Cost Calculator. `make run` and `make test` set everything up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Exact versions with hashes for every platform: what is installed is decided here, not by the day.
LOCK := requirements.lock

.PHONY: run test lint typecheck imports unit bench package package-bare icons install-desktop uninstall-desktop lock clean screenshots

# Only pip from the standard library is used: the lock is installed as it is, with its hashes checked,
# then the app itself (editable) without resolving anything again.
$(STAMP): pyproject.toml $(LOCK) packaging/check_python.py
	@$(PYTHON) packaging/check_python.py
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

# Refresh the lock on purpose (newest versions pyproject.toml allows), then review the diff and run `make test`.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --generate-hashes --python-version 3.11 \
		--quiet --custom-compile-command "make lock" -o $(LOCK)

run: $(STAMP)
	$(BIN)/imagecost $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy
	$(BIN)/mypy --strict packaging/build.py packaging/build_deb.py packaging/freeze_options.py packaging/render_icons.py

imports: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

test: lint typecheck imports unit

# Frozen app (PyInstaller, packaging/): dist/imagecost/ (one folder: imagecost + imagecost-cli)
# and one-file dist/imagecost-VERSION-PLATFORM, dist/imagecost-cli-VERSION-PLATFORM.
# Reuses dist/ when it was built from the current sources; FORCE=1 rebuilds.
package: $(STAMP)
	$(BIN)/python packaging/build.py app $(if $(FORCE),--force)

# The benchmark baseline: a bare PySide6 window frozen with the same options.
package-bare: $(STAMP)
	$(BIN)/python packaging/build.py bare $(if $(FORCE),--force)

# Re-render resources/icons/ (PNG sizes, .ico, .icns) from imagecost.svg.
icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/render_icons.py

# Menu entry, icons and scenario-file type for this user. EXE=dist/imagecost/imagecost for the frozen app.
EXE ?= $(CURDIR)/$(BIN)/imagecost
install-desktop:
	sh packaging/install-desktop.sh "$(EXE)"

uninstall-desktop:
	sh packaging/install-desktop.sh --uninstall

# The app against the floor it cannot beat (bench/README.md); writes bench/results.json.
bench: $(STAMP)
	$(BIN)/python -m bench $(ARGS)

# Every tab and the main dialogs at 1280x800, 1024x640, the minimum size and at scale 2, and the PDF quote's pages,
# into build/screenshots/ (docs/screenshots/make_screenshots.py); the README's few are copied to docs/images/.
screenshots: $(STAMP)
	$(BIN)/python docs/screenshots/make_screenshots.py --publish $(ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# Debian package of the one-folder build: dist/image-cost-calculator_VERSION_ARCH.deb, checked with
# lintian (packaging/build_deb.py). Reuses dist/imagecost/ when it is up to date; FORCE=1 rebuilds it.
# Needs Debian's tools: apt-get install dpkg-dev lintian. The packaging tests also need
# appstream, desktop-file-utils, xvfb and xauth (tests/test_deb.py, test_desktop_resources.py, test_packaging.py).
.PHONY: deb
deb: $(STAMP)
	$(BIN)/python packaging/build_deb.py $(if $(FORCE),--force)
