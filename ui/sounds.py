"""Scan feedback sounds: short WAV files in resources/sounds, played without blocking a scan.

PySide6-Essentials has no QtMultimedia, so the player uses QSoundEffect when present, else a
system player (paplay/aplay/pw-play) in a worker thread, else QApplication.beep(). No audio
never stops the station: the colours carry the same meaning.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import struct
import subprocess
import threading
import wave
from collections import deque
from pathlib import Path

log = logging.getLogger(__name__)

SOUNDS_DIR = Path(__file__).resolve().parent.parent / "resources" / "sounds"
RATE = 22050
# name -> list of (frequency Hz, seconds, volume); frequency 0 is silence
TONES: dict[str, list[tuple[float, float, float]]] = {
    "good": [(1760.0, 0.07, 0.5)],
    "wrong": [(180.0, 0.16, 0.8), (0.0, 0.07, 0.0), (180.0, 0.16, 0.8)],
    "over": [(440.0, 0.09, 0.7), (330.0, 0.09, 0.7), (440.0, 0.09, 0.7)],
    "complete": [(1047.0, 0.12, 0.5), (1319.0, 0.12, 0.5), (1568.0, 0.25, 0.5)],
    "alert": [(880.0, 0.2, 0.7), (0.0, 0.05, 0.0), (660.0, 0.3, 0.7)],
}


def _samples(freq: float, seconds: float, volume: float, buzz: bool) -> bytes:
    n = int(RATE * seconds)
    out = bytearray()
    for i in range(n):
        if freq <= 0:
            value = 0.0
        else:
            phase = math.sin(2 * math.pi * freq * i / RATE)
            value = (1.0 if phase >= 0 else -1.0) * 0.6 if buzz else phase
        fade = min(1.0, i / 200, (n - i) / 200)  # no clicks
        out += struct.pack("<h", int(value * volume * fade * 32000))
    return bytes(out)


def write_sounds(folder: Path = SOUNDS_DIR) -> list[Path]:
    """(Re)generate the WAV files: deterministic, so the committed files can be rebuilt."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, tones in TONES.items():
        path = folder / f"{name}.wav"
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(RATE)
            for freq, seconds, volume in tones:
                wav.writeframes(_samples(freq, seconds, volume, buzz=name in ("wrong", "over")))
        written.append(path)
    return written


class SoundPlayer:
    """``play(name)`` returns at once; ``played`` keeps the last names for tests."""

    def __init__(self, folder: Path = SOUNDS_DIR, *, enabled: bool | None = None) -> None:
        self.folder = folder
        if enabled is None:
            enabled = os.environ.get("PACIFIC_STATION_SOUND", "on") != "off" and os.environ.get(
                "QT_QPA_PLATFORM", ""
            ) not in ("offscreen", "minimal")
        self.enabled = enabled
        self.played: deque[str] = deque(maxlen=50)
        self._effects: dict[str, object] = {}
        self._command = self._find_command() if enabled else None
        self._busy = threading.Lock()

    @staticmethod
    def _find_command() -> list[str] | None:
        for tool, args in (("pw-play", []), ("paplay", []), ("aplay", ["-q"])):
            path = shutil.which(tool)
            if path:
                return [path, *args]
        return None

    def play(self, name: str) -> None:
        self.played.append(name)
        if not self.enabled:
            return
        path = self.folder / f"{name}.wav"
        if self._qt_effect(name, path):
            return
        if self._command and path.exists():
            threading.Thread(target=self._run, args=(path,), daemon=True).start()
            return
        try:
            from PySide6.QtWidgets import QApplication

            QApplication.beep()
        except Exception:  # noqa: S110 - never crash for a sound
            pass

    def _qt_effect(self, name: str, path: Path) -> bool:
        try:
            from PySide6.QtCore import QUrl
            from PySide6.QtMultimedia import QSoundEffect  # not in PySide6-Essentials
        except ImportError:
            return False
        effect = self._effects.get(name)
        if effect is None:
            effect = QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effects[name] = effect
        effect.play()  # type: ignore[attr-defined]
        return True

    def _run(self, path: Path) -> None:
        if not self._busy.acquire(blocking=False):
            return  # a sound is still playing: skip rather than queue up stale beeps
        try:
            assert self._command is not None
            subprocess.run([*self._command, str(path)], timeout=3, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        except (OSError, subprocess.SubprocessError) as exc:
            log.info("sound player failed: %s", type(exc).__name__)
            self._command = None
        finally:
            self._busy.release()


if __name__ == "__main__":  # python -m ui.sounds rebuilds the files
    for p in write_sounds():
        print(p)
