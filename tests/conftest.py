"""Shared test fixtures."""

from __future__ import annotations

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager


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
