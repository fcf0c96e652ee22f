#!/usr/bin/env python3
"""Guest side of the power-cut test: kioskd (built on the host) records and publishes on the
power-cut VM's disk until the host cuts the power (SIGKILL to qemu).

Run inside the VM by power-cut-vm.sh --host-cmd, as:
    python3 scripts/vm/power-cut-guest.py KIOSKD KIOSKCTL CONFIG SEED
CONFIG's `[storage] dir` is on the VM's disk ($POWERCUT_DISK) and its control socket at
$TMPDIR/control.sock. Each boot but the last starts kioskd, prints "POWERCUT ARMED" (the host
cuts the power at a random moment from then on) and drives kioskd for ever: test records in
bursts through the control socket (`debug-append`), sessions started and ended, and now and
then kill -9 of kioskd restarted at once, as systemd would: half the boots crash it (mostly
right after a segment roll) before arming, so the cut comes while the restarted kioskd publishes
what the dead one wrote (issue 12's defect 1: records never synced, only in the page cache).
The last boot appends nothing: it waits until `kioskctl queue --json` shows nothing pending,
prints "POWERCUT QUEUE <json>" and stops kioskd with SIGTERM ("POWERCUT STOPPED rc=N").
After every start of kioskd its recovery lines go to the console ("POWERCUT LOG …").
"""
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time

KIOSKD, KIOSKCTL, CONFIG, SEED = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
BOOT = int(os.environ["POWERCUT_BOOT"])
FINAL = os.environ.get("POWERCUT_FINAL") == "1"
DISK = os.environ["POWERCUT_DISK"]
SOCKET = f"{os.environ.get('TMPDIR', '/tmp')}/control.sock"
LOGS = f"{DISK}/logs"
SEGMENTS = f"{DISK}/state/segments"   # the config's [storage] dir is $POWERCUT_DISK/state
rng = random.Random(SEED * 100_003 + BOOT)


def say(text):
    print(f"POWERCUT {text}", flush=True)


class Kioskd:
    """One kioskd at a time, restarted after kill -9 like a systemd unit with Restart=always."""

    def __init__(self):
        os.makedirs(LOGS, exist_ok=True)
        self.process = None
        self.conn = None
        self.starts = 0

    def start(self):
        self.starts += 1
        self.log_path = f"{LOGS}/boot-{BOOT:03d}-{self.starts}.log"
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen([KIOSKD, "--config", CONFIG], stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        log.close()
        end = time.monotonic() + 90
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise SystemExit(f"kioskd exited with {self.process.returncode} at start")
            try:
                self.conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.conn.connect(SOCKET)
                self.reader = self.conn.makefile("rb")
                self.call("status")
                self.say_recovery()
                return
            except OSError:
                self.conn.close()
                time.sleep(0.1)
        raise SystemExit("kioskd did not answer on its control socket within 90 s")

    def say_recovery(self):
        """What this start found on the disk, on the console at once (the log file itself may
        not survive the next cut)."""
        with open(self.log_path, errors="replace") as f:
            for line in f:
                if any(word in line for word in ("record store", "recover", "corrupt", "torn", "discard", "drop", "set aside")):
                    say(f"LOG boot {BOOT} start {self.starts}: {line.strip()[:300]}")

    def call(self, cmd, args=None):
        request = {"id": 1, "cmd": cmd}
        if args:
            request["args"] = args
        self.conn.sendall((json.dumps(request) + "\n").encode())
        line = self.reader.readline()
        if not line:
            raise OSError("control socket closed")
        return json.loads(line)

    def kill(self):
        self.conn.close()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


def queue():
    done = subprocess.run([KIOSKCTL, "--socket", SOCKET, "--json", "queue"], capture_output=True, text=True, timeout=60)
    return json.loads(done.stdout)


def newest_segment():
    names = os.listdir(SEGMENTS) if os.path.isdir(SEGMENTS) else []
    return max(names, default="")


def drive(kioskd, seconds=None):
    """Records, sessions and (rarely) crashes, for `seconds` or until the power goes."""
    end = None if seconds is None else time.monotonic() + seconds
    in_session = False
    while end is None or time.monotonic() < end:
        roll = rng.random()
        if roll < 0.87:
            kioskd.call("debug-append", {"count": rng.randint(1, 150), "size": 120})
        elif roll < 0.99:
            kioskd.call("session-end" if in_session else "session-start")
            in_session = not in_session
        else:
            crash(kioskd, "at random")
            in_session = False
        time.sleep(rng.uniform(0, 0.1))


def crash(kioskd, when):
    say(f"KILLED kioskd with kill -9 {when}; restarting it")
    kioskd.kill()
    kioskd.start()


def crash_after_roll(kioskd):
    """kill -9 right after the tail rolled to a new segment, before the next sync (200 ms)
    covers the segment just sealed: what was written but not synced is then only in the page
    cache, where the restarted kioskd finds it (issue 12, defect 1)."""
    before, end = newest_segment(), time.monotonic() + 5
    while newest_segment() == before and time.monotonic() < end:
        kioskd.call("debug-append", {"count": 10, "size": 120})
    crash(kioskd, "right after a segment roll" if newest_segment() != before else "(no roll within 5 s)")


def finish(kioskd):
    """Waits until everything is acknowledged, then stops kioskd cleanly."""
    end = time.monotonic() + 240
    stats = queue()
    while stats.get("pending_records", 1) != 0 and time.monotonic() < end:
        time.sleep(1)
        stats = queue()
    say("QUEUE " + json.dumps(stats, separators=(",", ":")))
    kioskd.conn.close()
    kioskd.process.send_signal(signal.SIGTERM)
    try:
        rc = kioskd.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        kioskd.process.kill()
        rc = "timeout"
    say(f"STOPPED rc={rc}")
    return 0 if rc == 0 and stats.get("pending_records") == 0 else 1


def main():
    kioskd = Kioskd()
    started = time.monotonic()
    kioskd.start()
    say(f"UP boot={BOOT} after {time.monotonic() - started:.1f} s, uptime {open('/proc/uptime').read().split()[0]} s")
    if FINAL:
        return finish(kioskd)
    # Half the boots crash kioskd first (mostly right after a roll) and are cut only after
    # the restart: the cut then lands while the new process publishes what the old one wrote.
    if rng.random() < 0.5:
        drive(kioskd, rng.uniform(0, 0.6))
        if rng.random() < 0.7:
            crash_after_roll(kioskd)
        else:
            crash(kioskd, "at random")
    say("ARMED")
    drive(kioskd)


if __name__ == "__main__":
    sys.exit(main())
