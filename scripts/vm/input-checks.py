#!/usr/bin/env python3
"""Guest side of the session input test: kioskd (built on the host) reads a real kernel input
device — a virtual keyboard made through /dev/uinput — and turns its events into sessions.

Run inside the VM by run-gpio-sim-vm.sh --host-cmd (the guest kernel has evdev and uinput;
the build machine's own kernel has neither), as:
    python3 scripts/vm/input-checks.py KIOSKD KIOSKCTL
Prints one "GPIOTEST PASS: name" or "GPIOTEST FAIL: name (why)" line per check and exits 1 when
any failed.
"""
import fcntl
import json
import os
import struct
import subprocess
import sys
import time

import vmcheck
from vmcheck import check, until

KIOSKD, KIOSKCTL = sys.argv[1], sys.argv[2]
TMP = os.environ.get("TMPDIR", "/tmp") + "/input-checks"
SOCKET = f"{TMP}/control.sock"

# linux/uinput.h and linux/input.h (x86_64)
UI_SET_EVBIT, UI_SET_KEYBIT, UI_DEV_SETUP, UI_DEV_CREATE, UI_DEV_DESTROY = 0x40045564, 0x40045565, 0x405C5503, 0x5501, 0x5502
EV_SYN, EV_KEY, EV_MSC, SYN_REPORT, KEY_A, MSC_SCAN = 0, 1, 4, 0, 30, 4
UI_SET_MSCBIT = 0x40045568


def ctl(*args):
    result = subprocess.run([KIOSKCTL, "--socket", SOCKET, "--json", *args], capture_output=True, text=True)
    return json.loads(result.stdout) if result.stdout.strip() else None


def session():
    status = ctl("status") or {}
    return status.get("session")


class Keyboard:
    """A virtual keyboard: the kernel makes /dev/input/eventN for it, as for a USB one."""

    def __init__(self):
        self.fd = os.open("/dev/uinput", os.O_WRONLY | os.O_NONBLOCK)
        fcntl.ioctl(self.fd, UI_SET_EVBIT, EV_KEY)
        fcntl.ioctl(self.fd, UI_SET_EVBIT, EV_MSC)
        fcntl.ioctl(self.fd, UI_SET_KEYBIT, KEY_A)
        fcntl.ioctl(self.fd, UI_SET_MSCBIT, MSC_SCAN)
        fcntl.ioctl(self.fd, UI_DEV_SETUP, struct.pack("HHHH80sI", 0x03, 0x1234, 0x5678, 1, b"kiosk test keyboard", 0))
        fcntl.ioctl(self.fd, UI_DEV_CREATE)

    def emit(self, kind, code, value):
        os.write(self.fd, struct.pack("llHHi", 0, 0, kind, code, value))

    def press(self):
        self.emit(EV_KEY, KEY_A, 1)
        self.emit(EV_SYN, SYN_REPORT, 0)
        self.emit(EV_KEY, KEY_A, 0)
        self.emit(EV_SYN, SYN_REPORT, 0)

    def scan_only(self):
        """Events that are not a visitor's doing on their own: a scan code and a report."""
        self.emit(EV_MSC, MSC_SCAN, 0x70004)
        self.emit(EV_SYN, SYN_REPORT, 0)

    def close(self):
        fcntl.ioctl(self.fd, UI_DEV_DESTROY)
        os.close(self.fd)


os.makedirs(TMP, exist_ok=True)
check("uinput and evdev in the guest kernel", os.path.exists("/dev/uinput"), "no /dev/uinput")
keyboard = Keyboard()
check("a virtual keyboard appears under /dev/input",
      until(lambda: any(name.startswith("event") for name in os.listdir("/dev/input")), 5), str(os.listdir("/dev/input")))
with open(f"{TMP}/kioskd.conf", "w") as conf:
    conf.write(f"[mqtt]\nport = 9\n[storage]\ndir = {TMP}/state\n[control]\nsocket = {SOCKET}\n"
               "[sessions]\ninput = all\nidle_timeout = 2s\n")
log = open(f"{TMP}/kioskd.log", "w")
kioskd = subprocess.Popen([KIOSKD, "--config", f"{TMP}/kioskd.conf"], stderr=log)
try:
    check("kioskd answers on its control socket", until(lambda: ctl("status") is not None, 15))
    check("kioskd opened the input device",
          until(lambda: "reading activity from an input device" in open(f"{TMP}/kioskd.log").read(), 5))
    check("no session before any input", session() is None, str(session()))

    keyboard.scan_only()
    time.sleep(1)
    check("scan codes and reports alone start no session", session() is None, str(session()))

    # Pressing again before each look: under TCG one kioskctl call can take longer than the
    # 2 s idle timeout, and the session would end before it is seen.
    def press_and_look():
        keyboard.press()
        return (session() or {}).get("source") == "input"
    started = until(press_and_look, 5)
    check("a key press starts a session from input", started, str(session()))
    for _ in range(3):
        time.sleep(0.5)
        keyboard.press()
    check("key presses keep it going", session() is not None, "it ended")

    def ended():
        records = ctl("sessions") or []
        return records[0]["data"] if records else None
    check("two seconds without input end it: idle", until(lambda: ended() is not None, 6), str(ended()))
    record = ended() or {}
    # (active_ms depends on when the guest, slow under TCG, read the first and last presses)
    check("the session record: source input, end reason idle, the idle tail apart",
          record.get("source") == "input" and record.get("end_reason") == "idle" and record.get("idle_ms") == 2000
          and record.get("active_ms", 0) > 0 and record.get("duration_ms") == record.get("active_ms", 0) + 2000, str(record))
    allowed = {"id", "start", "end", "duration_ms", "active_ms", "idle_ms", "end_reason", "label", "source",
               "start_boot", "end_boot", "clock"}
    check("nothing of the keys pressed is in the record", set(record) <= allowed, str(record))
finally:
    kioskd.terminate()
    kioskd.wait(10)
    keyboard.close()
    log.close()
if vmcheck.failures:
    print(open(f"{TMP}/kioskd.log").read(), flush=True)
sys.exit(1 if vmcheck.failures else 0)
