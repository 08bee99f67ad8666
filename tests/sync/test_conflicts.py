"""The end-of-day report names its conflicts; the command's output suits a log file."""

from __future__ import annotations

import os

from checkin.cli import main
from checkin.cli.sync import ProgressBar
from checkin.cli.sync import describe_report as cli_describe
from checkin.core.outcomes import OutcomeCode
from checkin.services.checkin import CheckinService, Override, Who
from checkin.sync.runner import sync_desk

from .conftest import COMPANIES, Central, Desk
from .test_roundtrip import admit

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def one_company(central: Central) -> list[int]:
    """Three people of 台灣綠能 (the fixture's companies go round by n % 4); the cap is 2."""
    return [central.people(1)[n] for n in (0, 4, 8)]


def desks(central: Central, desk_factory) -> tuple[Desk, Desk]:  # type: ignore[no-untyped-def]
    a, b = desk_factory("desk-a"), desk_factory("desk-b")
    for desk in (a, b):
        assert sync_desk(desk.store, desk.link).done
    return a, b


def test_conflicts_are_listed_with_names_times_and_desks(qtbot, central: Central,
                                                        desk_factory) -> None:
    from checkin.ui.sync_dialog import SyncDialog

    a, b = desks(central, desk_factory)
    first, second, third = one_company(central)
    admit(a, central, first)
    admit(a, central, second)
    b.clock.advance(minutes=3)  # type: ignore[attr-defined]
    admit(b, central, third)  # offline: B did not know A's two
    b.clock.advance(minutes=2)  # type: ignore[attr-defined]
    admit(b, central, first)  # and admits A's first again
    assert sync_desk(a.store, a.link).done
    report = sync_desk(b.store, b.link)
    assert report.done
    [over] = report.overflows
    assert (over.kind, over.company, over.admitted, over.limit) == (
        "COMPANY_CAP", COMPANIES[0], 3, 2)
    assert [p.desk_name for p in over.people] == ["desk-a", "desk-a", "desk-b"]
    assert [p.registration_id for p in over.over] == [third]
    dialog = SyncDialog(lambda progress: report)
    qtbot.addWidget(dialog)
    text = dialog.describe(report)
    assert "學員1-08" in text and "08:48" in text and "desk-b" in text
    assert "學員1-00" in text and "08:50" in text  # the duplicate's second arrival too
    cli = cli_describe(report)
    assert "學員1-08 08:48 at desk-b" in cli and "over the limit" in cli
    assert "again 08:50 at desk-b" in cli


def test_a_supervisor_approved_override_is_not_a_conflict(qtbot, central: Central,
                                                          desk_factory) -> None:
    a, _ = desks(central, desk_factory)
    first, second, third = one_company(central)
    admit(a, central, first)
    admit(a, central, second)
    service = CheckinService(a.store)
    refused = service.check_in(1, Who(token=central.token(third)), temperature="36.5")
    assert refused.code is OutcomeCode.COMPANY_CAP
    approved = service.check_in(1, Who(token=central.token(third)), temperature="36.5",
                                override=Override(supervisor="林主任", reason="講師邀請"))
    assert approved.code is OutcomeCode.ADMITTED_OVERRIDE
    report = sync_desk(a.store, a.link)
    assert report.done and report.overflows == []


def test_the_command_writes_one_line_per_stage_to_a_log(central: Central, desk_factory,
                                                        capsys) -> None:
    a, _ = desks(central, desk_factory)
    for rid in central.people(1)[:3]:
        admit(a, central, rid)
    capsys.readouterr()
    assert main(["sync", "--db", a.url]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err and "[" not in err
    assert "上傳 push 3/3" in err.splitlines()
    stages = [line.split()[1] for line in err.splitlines()]  # "上傳 push 3/3": zh, en
    assert stages == ["connect", "push", "roster", "events", "verify", "done"], err


def test_an_offline_sync_never_says_done(central: Central, desk_factory, capsys) -> None:
    a, _ = desks(central, desk_factory)
    admit(a, central, central.people(1)[0])
    capsys.readouterr()
    dead = f"postgresql+psycopg://127.0.0.1:1/{central.dbname}"
    assert main(["sync", "--db", a.url, "--central", dead]) == 1
    captured = capsys.readouterr()
    assert "OFFLINE" in captured.out
    assert "done" not in (captured.out + captured.err).lower()
    assert "完成" not in captured.out + captured.err
    assert captured.err.splitlines()[-1] == "已中止 stopped"


class Tty:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_bar_is_redrawn() -> None:
    tty = Tty()
    bar = ProgressBar(stream=tty)  # type: ignore[arg-type]
    for stage, done, total in (("connect", 0, 1), ("push", 0, 2), ("push", 1, 2),
                               ("push", 2, 2), ("stopped", 1, 1)):
        bar(stage, done, total)
    assert tty.text.count("\r") == 5 and tty.text.endswith("\n")
    assert "done" not in tty.text
