"""The office window: one tab per page, each page a widget of its own module.

A page is built as ``Page(store, runner, parent=None)`` (the office database's
:class:`~checkin.db.store.Store`, a :class:`~checkin.ui.tasks.Runner`) and has ``refresh()``,
which reloads what it shows through the runner; :class:`~checkin.ui.office.window.OfficeWindow`
takes it with ``add_page(page, title)``.
"""
