"""The published JudoShiai sample with draws and results added, as JudoShiai stores them.

`example.shi` has 130 competitors and no categories, draws or results. `drawn_sample()` copies
it and adds, with plain SQL on the copy, three categories the way JudoShiai writes them:

- BT-44 (index 10000): knockout table of 8 lines without repechage (system 3, table 4), 7 girls,
  every contest fought; final places in pos1..pos4.
- AT-52 (index 10001): a pool of 3 (system 1), every contest fought.
- BT-48 (index 10002): a knockout with JudoShiai's table 1, which ippon has no system for;
  drawn, nothing fought.

Scores are packed (ippon << 16, waza-ari << 12, yuko << 8, shido in the low nibble, 8 in it for
hansoku-make); points 10 ippon, 7 waza-ari, 5 yuko; bit 8 of legend = golden score.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

SAMPLE = Path("/work/shared/data/judoshiai/example.shi")

# (number, blue, white, blue_score, white_score, blue_points, white_points, time, legend)
BT44 = [
    (1, 10, 14, 0x10000, 0, 10, 0, 35, 0),        # JOHANSSON ippon
    (2, 31, 36, 0x0001, 0x1000, 0, 7, 200, 0),    # IVERSEN waza-ari, ANDERSEN one shido
    (3, 49, 69, 0x0008, 0, 0, 10, 90, 0),         # VIRTANEN hansoku-make: SMITH wins
    (4, 70, 1, 0, 0, 0, 0, 0, 0),                 # JONES against a ghost: no contest
    (5, 10, 36, 0, 0x1000, 0, 7, 262, 0x100),     # IVERSEN waza-ari in golden score
    (6, 69, 70, 0x10000, 0, 10, 0, 45, 0),        # SMITH ippon
    (7, 36, 69, 0x1001, 0x2000, 0, 10, 150, 0),   # SMITH two waza-ari (awasete ippon)
]
AT52 = [
    (1, 34, 57, 0x10000, 0, 10, 0, 20, 0),        # ERIKSEN ippon
    (2, 57, 93, 0, 0x1000, 0, 7, 240, 0),         # BECKER waza-ari, to the bell
    (3, 34, 93, 0x1000, 0, 7, 0, 240, 0),         # ERIKSEN waza-ari, to the bell
]
BT48 = [(1, 18, 32), (2, 54, 92), (3, 96, 108), (4, 129, 1)]

CATEGORIES = [
    # index, name, tatami, system, numcomp, table, pos1..pos4
    (10000, "BT-44", 1, 3, 7, 4, (69, 36, 10, 70)),
    (10001, "AT-52", 2, 1, 3, 0, (34, 93, 57, 0)),
    (10002, "BT-48", 1, 3, 7, 1, (0, 0, 0, 0)),
]


def drawn_sample(folder: Path) -> Path:
    """A copy of the sample with the three drawn categories above; returns its path."""
    path = folder / "drawn.shi"
    shutil.copyfile(SAMPLE, path)
    path.chmod(0o644)
    with closing(sqlite3.connect(path)) as db:
        # JudoShiai adds these columns when it opens a file as old as the sample.
        db.execute("ALTER TABLE matches ADD COLUMN date INTEGER")
        db.execute("ALTER TABLE matches ADD COLUMN legend INTEGER")
        for index, name, tatami, system, numcomp, table, places in CATEGORIES:
            db.execute('INSERT INTO categories ("index", category, tatami, deleted, "group", '
                       'system, numcomp, "table", wishsys, pos1, pos2, pos3, pos4, pos5, pos6, '
                       'pos7, pos8) VALUES (?, ?, ?, 0, 0, ?, ?, ?, 0, ?, ?, ?, ?, 0, 0, 0, 0)',
                       (index, name, tatami, system, numcomp, table, *places))
            db.execute("UPDATE competitors SET category = ? WHERE regcategory = ?", (name, name))
        rows = [(10000, *m) for m in BT44] + [(10001, *m) for m in AT52]
        rows += [(10002, n, b, w, 0, 0, 0, 0, 0, 0) for n, b, w in BT48]
        db.executemany("INSERT INTO matches (category, number, blue, white, blue_score, "
                       "white_score, blue_points, white_points, time, comment, deleted, "
                       "forcedtatami, forcednumber, date, legend) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?)", rows)
        db.commit()
    return path
