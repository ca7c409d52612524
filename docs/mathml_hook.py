r"""MkDocs hook: render the TeX of the docs to MathML when the site is built.

Browsers render MathML themselves, so the site needs no MathJax or KaTeX script, no font
download and no network.  ``$$ ... $$`` on lines of their own is display math; ``\( ... \)``
is inline math (table cells use it).  Code blocks are left alone.
"""

from __future__ import annotations

import re

from latex2mathml.converter import convert

FENCE = re.compile(r"^```.*?^```", re.S | re.M)
DISPLAY = re.compile(r"^\$\$\n(.+?)\n\$\$$", re.S | re.M)
INLINE = re.compile(r"\\\((.+?)\\\)")


def tex_to_mathml(tex: str, display: bool) -> str:
    """MathML for ``tex`` on one line (Markdown must not see blank lines or ``|`` in it)."""
    html = convert(tex.strip(), display="block" if display else "inline")
    # MathML Core has no named spaces; latex2mathml writes \! as one
    html = html.replace('width="negativethinmathspace"', 'width="-0.167em"')
    if not display:  # fractions at full size in table cells too
        html = html.replace("<math ", '<math displaystyle="true" ', 1)
    return html.replace("\n", " ").replace("|", "&#x0007C;")


def render(markdown: str) -> str:
    """``markdown`` with its math (outside code blocks) turned into MathML."""
    out, last = [], 0
    for fence in FENCE.finditer(markdown):
        out.append(_render_text(markdown[last:fence.start()]))
        out.append(fence.group(0))
        last = fence.end()
    out.append(_render_text(markdown[last:]))
    return "".join(out)


def _render_text(text: str) -> str:
    text = DISPLAY.sub(lambda m: '<div class="math">' + tex_to_mathml(m.group(1), True) + "</div>",
                       text)
    return INLINE.sub(lambda m: tex_to_mathml(m.group(1), False), text)


def on_page_markdown(markdown, **kwargs):
    """MkDocs event: every page's Markdown before it is converted to HTML."""
    return render(markdown)
