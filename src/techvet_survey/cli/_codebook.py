"""``python -m techvet_survey codebook``: print the instrument in one language."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

HELP = "print the study codebook (scales, items, answer labels, test, interview codes)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", default="en", help="language: en, fi, et, lv or nl (default en)")
    parser.add_argument(
        "--search", metavar="TEXT", help="list the entries whose id, text or label contains TEXT"
    )
    parser.add_argument("--path", help="a codebook YAML file or folder instead of the bundled one")


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from techvet_survey.codebook import Codebook

    book = Codebook.load(args.path)
    lang = book.check_language(args.lang)
    with pd.option_context(
        "display.max_rows", None, "display.max_colwidth", 90, "display.width", 200
    ):
        if args.search:
            hits = book.look_for(args.search)
            if len(hits):
                print(left_aligned(with_groups(book, hits)))
            else:
                print(f"no entry matches {args.search!r}")
            return 0
        print(render(book, lang))
    return 0


def render(book, lang: str) -> str:
    """The codebook as text: one section per part of the instrument."""
    lines = [f"NextSteps@TechVET codebook ({lang})", ""]
    scale_labels = book.value_labels("agree5", lang) | book.missing_labels("agree5", lang)
    lines.append(
        "Answer scale: " + "; ".join(f"{code} = {label}" for code, label in scale_labels.items())
    )
    for scale in book.scales["scale"]:
        lines += ["", f"[{scale}] {book.scale_label(scale, lang)}"]
        for item in book.scale_items(scale):
            reverse = " (reverse-keyed)" if item in book.reverse_items() else ""
            lines.append(f"  {item:<5} {book.item_text(item, lang)}{reverse}")
    lines += [
        "",
        f"Assessment test (Open Badge cut score {book.cut_score} of {len(book.test_items)})",
    ]
    for row in book.test_items.itertuples():
        lines.append(f"  {row.item} [{row.area}] key {row.key}: {getattr(row, f'stem_{lang}')}")
    lines += ["", "Interview codes"]
    for row in book.interview_codes.itertuples():
        lines.append(f"  {row.theme} / {row.code}: {getattr(row, f'label_{lang}')}")
    return "\n".join(lines)


def with_groups(book, hits: pd.DataFrame) -> pd.DataFrame:
    """`hits` with ``group``: the respondent groups that answer an item in that wording
    (``all``; ``neutral`` for the neutral wording when every group has its own), empty
    for entries that are not item wordings."""
    all_groups = list(book.groups["group"])
    groups = []
    for hit in hits.itertuples():
        if hit.kind != "item" or hit.lang == "id":
            groups.append("")
            continue
        seen = [g for g in all_groups if book.item_text(hit.id, hit.lang, g) == hit.text]
        groups.append("all" if seen == all_groups else ", ".join(seen) or "neutral")
    return hits.assign(group=groups)[["kind", "id", "group", "lang", "text"]]


def left_aligned(table: pd.DataFrame) -> str:
    """`table` as text, every column left-aligned, the last one unpadded.

    Examples
    --------
    >>> import pandas as pd
    >>> print(left_aligned(pd.DataFrame({"id": ["gw1", "x"], "text": ["Long text", "B"]})))
    id   text
    gw1  Long text
    x    B
    """
    cells = [list(map(str, table.columns)), *table.astype(str).to_numpy().tolist()]
    widths = [max(len(row[position]) for row in cells) for position in range(table.shape[1])]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in cells
    )
