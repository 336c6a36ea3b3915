"""Start anywhere: main.py names the missing X11 libraries and their packages before Qt aborts."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb:no-glx"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb;offscreen"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux", False),
        ({"XDG_SESSION_TYPE": "wayland"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb", "XDG_SESSION_TYPE": "wayland"}, "linux", True),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_xcb_expected_only_where_qt_would_take_it(environ, platform, expected):
    assert main.xcb_platform_expected(environ, platform) is expected


def test_missing_libraries_asks_the_dynamic_loader():
    present = ("libc.so.6", "libc6", "glibc")
    absent = ("libzhanlian-absent.so.9", "zhanlian-absent9", "zhanlian-absent")
    assert main.missing_libraries([present, absent]) == [absent]
    assert main.missing_libraries([present]) == []


def test_advice_names_the_exact_packages_once_each():
    missing = [e for e in main.XCB_LIBRARIES
               if e[0] in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-shm.so.0",
                           "libxcb-sync.so.1")]  # fmt: skip
    text = main.xcb_advice(missing)
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1, libxcb-shm.so.0, libxcb-sync.so.1" in text
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1 libxcb-shm0 libxcb-sync1\n" in text
    # Fedora ships the core xcb extensions in one package: named once.
    assert "sudo dnf install xcb-util-wm xcb-util-keysyms libxcb\n" in text
    assert "QT_QPA_PLATFORM=offscreen" in text


def _needed(path: Path) -> list[str]:
    """DT_NEEDED entries of a 64-bit little-endian ELF shared object (no binutils needed)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        pytest.skip(f"{path.name} is not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)  # fmt: skip
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]  # fmt: skip
    names = []
    for _name, kind, _flags, _addr, offset, size, link, *_ in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strtab = sections[link][4]
        for pos in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", data, pos)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                end = data.index(b"\0", strtab + value)
                names.append(data[strtab + value : end].decode())
    return names


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Linux's platform")
def test_the_list_covers_what_the_installed_xcb_plugin_links():
    import PySide6

    qt = Path(PySide6.__file__).resolve().parent / "Qt"
    plugin = qt / "plugins" / "platforms" / "libqxcb.so"
    wanted = set()
    for library in (plugin, *sorted((qt / "lib").glob("libQt6XcbQpa.so*"))[:1]):
        wanted.update(_needed(library))
    inside_the_wheel = {p.name for p in (qt / "lib").iterdir()}
    runtime = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libdl.so.2",
               "libpthread.so.0", "librt.so.1"}  # fmt: skip
    system = wanted - inside_the_wheel - runtime
    assert "libxcb-icccm.so.4" in system and "libxcb-cursor.so.0" in system
    assert system <= {e[0] for e in main.XCB_LIBRARIES}


def test_gui_start_with_missing_libraries_exits_with_the_packages(tmp_path):
    # Qt is told to take xcb on a display that does not exist: either the check finds
    # libraries missing (as on a stock server image) and says which packages bring them, or
    # every library is there and Qt itself fails to connect, with no word from the check.
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
    env.update(QT_QPA_PLATFORM="xcb", DISPLAY=":987", XDG_CONFIG_HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path))  # fmt: skip
    run = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), str(tmp_path / "none.zlcase"), "--lang", "en"],
        env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    missing = main.missing_libraries()
    if missing:
        assert run.returncode == 3, run.stderr
        for _soname, debian, fedora in missing:
            assert debian in run.stderr and fedora in run.stderr
        assert "sudo apt install " + " ".join(dict.fromkeys(m[1] for m in missing)) in run.stderr
        assert "Traceback" not in run.stderr
    else:
        assert run.returncode != 0 and "cannot open its window" not in run.stderr
