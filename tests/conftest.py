"""Shared test fixtures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from cx.analysis import Analysis, empty_rows
from cx.ingest import ingest
from cx.store import Workspace
from cx.themes import empty_themes


class DownloadRecorder:
    """Captures the data callables the pages give their download buttons.

    Calling one is what a click in the browser does: the page builds the file then.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: dict[str, object] = {}
        original = MediaFileManager.add_deferred
        recorder = self

        def add_deferred(
            self, data_callable, mimetype, coordinates, file_name=None, **kw
        ):
            recorder.calls[file_name] = data_callable
            return original(self, data_callable, mimetype, coordinates, file_name, **kw)

        monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)

    def click(self, suffix: str) -> bytes:
        name = next(n for n in self.calls if n and n.endswith(suffix))
        return self.calls[name]()


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> DownloadRecorder:
    """Records every download button the app renders; `.click(suffix)` builds one."""
    return DownloadRecorder(monkeypatch)


def _store_upload(
    ws: Workspace,
    folder: Path,
    name: str,
    frame: pd.DataFrame,
    causes: Sequence[str] | None = None,
    **columns: str,
) -> tuple[str, int]:
    """Store ``frame`` as a real CSV upload (``columns`` mapped as given) with a fixed
    analysis, every other row rude (ladder -1) and the rest none unless ``causes``
    gives each row's cause, so read-model and page tests need no model fit. Returns
    the dataset id and the accepted rows."""
    path = folder / f"{name}.csv"
    frame.to_csv(path, index=False)
    result = ingest(path, **columns)
    rows = empty_rows(result.accepted.index)
    if causes is None:
        causes = ["rudeness" if i % 2 == 1 else "none" for i in range(len(rows))]
    causes = list(causes)[: len(rows)]
    rows["cx_cause"] = causes
    rows["cx_causes"] = ["" if c == "none" else c for c in causes]
    rows["cx_ladder"] = [0 if c == "none" else -1 for c in causes]
    info, _ = ws.add_dataset(result, Analysis(rows, empty_themes()), name=name)
    return str(info.id), len(result.accepted)


@pytest.fixture(scope="session")
def store_upload() -> Callable[..., tuple[str, int]]:
    """Stores a frame as an upload with a fixed analysis (see `_store_upload`)."""
    return _store_upload
