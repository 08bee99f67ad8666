"""Start the office window on the office database (embedded file or central server)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from checkin.db.engine import sqlite_path
from checkin.db.errors import StoreError
from checkin.db.office_home import OfficeDatabase, office_database, remember_central
from checkin.db.store import Store
from checkin.services.catalogue import install_catalogue
from checkin.sync.link import secure_url
from checkin.ui import i18n
from checkin.ui.app import _explain, application
from checkin.ui.messages import store_problem_text
from checkin.ui.office.after_day import AfterDayPage
from checkin.ui.office.day import DayPage
from checkin.ui.office.desks import DesksPage
from checkin.ui.office.followups import FollowupsPage
from checkin.ui.office.notices import NoticesPage
from checkin.ui.office.registrations import RegistrationsPage
from checkin.ui.office.window import OfficeWindow
from checkin.ui.office.workshops import WorkshopsPage
from checkin.ui.tasks import Runner, ThreadRunner


def open_office_store(database: OfficeDatabase) -> Store:
    """Open the office database; a new embedded one gets the brochure's ten workshops."""
    if database.embedded:
        path = sqlite_path(database.url)
        fresh = path is not None and not path.exists()
        store = Store.open(database.url)
        if fresh:
            install_catalogue(store)
        return store
    # TLS with the server's certificate verified, unless the server is this computer.
    return Store.open(secure_url(database.url).render_as_string(hide_password=False))


def build_window(store: Store, database: OfficeDatabase, runner: Runner) -> OfficeWindow:
    """The window with this module's pages; the other pages are added the same way."""
    window = OfficeWindow(database)
    workshops = WorkshopsPage(store, runner, window)
    notices = NoticesPage(store, runner, window)
    window.add_page(workshops, QCoreApplication.translate("OfficeWindow", "Workshops"))
    window.add_page(RegistrationsPage(store, runner, window),
                    QCoreApplication.translate("OfficeWindow", "Registrations"))
    window.add_page(notices, QCoreApplication.translate("OfficeWindow", "Notices and e-mails"))

    def notices_follow(code: str, cancelled: bool) -> None:
        notices.notices_due(code, cancelled)
        window.tabs.setCurrentWidget(notices)

    workshops.notices_due.connect(notices_follow)
    window.add_page(DesksPage(store, runner, window),
                    QCoreApplication.translate("OfficeWindow", "Desks"))
    window.add_page(DayPage(store, runner, window),
                    QCoreApplication.translate("OfficeWindow", "The day, live"))
    window.add_page(FollowupsPage(store, runner, window),
                    QCoreApplication.translate("OfficeWindow", "Follow-ups and health data"))
    window.add_page(AfterDayPage(store, runner, window),
                    QCoreApplication.translate("OfficeWindow", "After the day"))
    return window


def run_office(central: str | None = None, lang: str | None = None) -> int:
    """Open the office window; blocks until closed. 2 when the database cannot be opened."""
    app = application()
    chosen = i18n.install_language(lang)
    app.setProperty("checkin_lang", chosen)
    database = office_database(central)
    try:
        store = open_office_store(database)
    except StoreError as exc:
        _explain(app.translate("OfficeWindow", "Check-in office"),
                 store_problem_text(exc.code, exc.detail, exc.path))
        return 2
    if central:
        remember_central(central)
    with store:
        runner = ThreadRunner()
        window = build_window(store, database, runner)
        screen = app.primaryScreen().availableGeometry()
        window.resize(min(1360, screen.width()), min(820, screen.height()))
        window.show()
        status = app.exec()
        runner.wait()
        return int(status)
