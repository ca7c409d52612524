"""Every value the README and the docs state in an example comment is what fastact returns.

The README once said ``fastact.gelu(-30.0)`` is -1.4729e-197; it is -1.4720e-196.  Each
python block is run in order (so ``x`` is defined where a line uses it), and each line
whose comment starts with a number or True/False is checked against its result.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"```python\n(.*?)```", re.S)
STATED = re.compile(r"^(?P<code>[^#]+?)\s*#\s*(?P<value>[-+]?\d[\d.]*(?:e[-+]?\d+)?|True|False)\b")


def _blocks(path):
    return BLOCK.findall(path.read_text())


@pytest.mark.parametrize("doc", ["README.md", "docs/index.md"])
def test_stated_example_values(doc):
    checked = 0
    for block in _blocks(ROOT / doc):
        env: dict = {}
        for line in block.splitlines():
            m = STATED.match(line)
            if m is None or "=" in m.group("code").split("(")[0]:
                exec(line, env)  # definitions and assignments run as written
                continue
            got = eval(m.group("code"), env)
            value = m.group("value")
            if value in ("True", "False"):
                assert bool(got) is (value == "True"), line
            else:  # to the digits the comment gives
                digits = len(value.lstrip("-+").split("e")[0].replace(".", "").lstrip("0"))
                assert float(f"{float(got):.{max(digits, 1) - 1}e}") == float(value), (line, got)
            checked += 1
    assert checked >= 1, f"{doc}: no stated value found"


def test_readme_function_table_names_every_function():
    """The README's table of functions lists every public function of the registry."""
    import re
    from pathlib import Path

    import fastact

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    table = text[text.index("## Functions"):]
    table = table[:table.index("\n## ", 3)]
    listed = set(re.findall(r"\b[a-z][a-z0-9_]*\b", table))
    missing = [n for n in (*fastact.ELEMENTWISE, *fastact.ALONG_AXIS) if n not in listed]
    assert not missing, f"README's function table lacks {missing}"


def test_readme_links_are_absolute():
    """A package index shows README.md out of the repository: a relative link would break."""
    text = (ROOT / "README.md").read_text()
    targets = re.findall(r"\]\(([^)\s]+)", text) + re.findall(r'src="([^"]+)"', text)
    relative = [t for t in targets if not t.startswith(("http://", "https://", "#"))]
    assert not relative, f"README.md links relative paths: {relative}"
