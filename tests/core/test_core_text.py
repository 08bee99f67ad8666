from checkin.core.text import for_terminal, has_controls, spreadsheet_safe, strip_controls


def test_terminal_text_cannot_move_the_terminal() -> None:
    hostile = "王小明\x1b[31m\x1b]0;pwned\x07\nfake line\u202eevil"
    shown = for_terminal(hostile)
    assert "\x1b" not in shown and "\n" not in shown and "\u202e" not in shown
    assert shown == "王小明\\x1b[31m\\x1b]0;pwned\\x07\\x0afake line\\u202eevil"


def test_plain_text_is_printed_as_it_is() -> None:
    assert for_terminal("陳怡君 CK1-IDB2201-ABC") == "陳怡君 CK1-IDB2201-ABC"
    assert not has_controls("台灣綠能股份有限公司")


def test_names_lose_controls_and_bidi() -> None:
    assert strip_controls("王\x1b[31m小明\u202e\u200b") == "王[31m小明"


def test_formula_cells_are_neutralised() -> None:
    for cell in ("=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3+cmd",
                 "\t=1+1", "\r=1"):
        assert spreadsheet_safe(cell) == "'" + cell
    assert spreadsheet_safe("王小明") == "王小明"
    assert spreadsheet_safe(-3) == -3
    assert spreadsheet_safe(None) is None
