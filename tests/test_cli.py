"""The command line: bad options are one-line usage errors (exit 2), never tracebacks."""

import sys

import pytest

from fastact.__main__ import main


@pytest.mark.parametrize(("argv", "says"), [
    (["bench", "--sizes", "abc"], "--sizes: 'abc' is not a number"),
    (["bench", "--sizes", "0"], "not a positive whole number"),
    (["bench", "--sizes", "1.5"], "not a positive whole number"),
    (["bench", "--dtypes", "int32"], "--dtypes: int32"),
    (["bench", "--only", "softmax"], "--rows"),
    (["bench", "--only", "nosuch"], "unknown function(s): nosuch"),
])
def test_bad_options_are_usage_errors(argv, says, capsys):
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


def test_trailing_comma_in_only_is_ignored(monkeypatch, capsys):
    import fastact._tools.bench as b

    seen = {}
    monkeypatch.setattr(b, "table", lambda names, *a, **k: seen.setdefault("names", names) and [])
    monkeypatch.setattr(b, "format_table", lambda rows: "")
    monkeypatch.setattr(b, "torch_summary", lambda rows, n: ("", None))
    monkeypatch.setattr(b, "bandwidth_summary", lambda rows: "")
    assert main(["bench", "--only", "gelu,", "--sizes", "10"]) == 0
    assert seen["names"] == ["gelu"]


def test_missing_optional_dependency_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "mpmath", None)  # import mpmath raises ImportError
    with pytest.raises(SystemExit) as e:
        main(["check"])
    assert e.value.code == 2
    assert "pip install 'fastact[check]'" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "sklearn", None)
    monkeypatch.setitem(sys.modules, "sklearn.datasets", None)
    from fastact.examples import digits

    with pytest.raises(SystemExit) as e:
        digits.main([])
    assert e.value.code == 2
    assert "pip install 'fastact[examples]'" in capsys.readouterr().err
