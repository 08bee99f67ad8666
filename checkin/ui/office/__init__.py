"""The office window's pages: each a QWidget(store, runner) with refresh()."""
