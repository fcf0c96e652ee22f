#!/usr/bin/env python3
"""Guest side of the LED test: kioskd (built on the host) drives the lines of a real gpio-sim
chip while this script reads them back from gpio-sim's sysfs.

Run inside the gpio-sim VM by run-gpio-sim-vm.sh --host-cmd (GPIO_SIM_CHIP and GPIO_SIM_SYSFS
set), as:  python3 scripts/vm/led-checks.py KIOSKD KIOSKCTL [EXPECTED_API]
Prints one "GPIOTEST PASS: name" or "GPIOTEST FAIL: name (why)" line per check and exits 1 when
any failed. The check names are the same for libgpiod v1 and v2 builds of kioskd.

Lines of the simulated chip (8 lines, line 3 named "led0", line 5 named "LED_NET"):
  0 power    by offset, chip by name              heartbeat
  1 uplink   by offset, chip by number, active-low off (no broker): the line stays high
  2 fault    by offset, chip by /dev path         on (another LED has a fault)
  5 network  by line name, active-low             fast blink (both probes fail: offline)
  3 session  by offset, active-low                held by gpioset at start: busy, then taken
  - ghost    on gpiochip9, which does not exist   missing chip
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time

import vmcheck
from vmcheck import check, wait_for

CHIP = os.environ["GPIO_SIM_CHIP"]
SYSFS = os.environ["GPIO_SIM_SYSFS"]
KIOSKD, KIOSKCTL = sys.argv[1], sys.argv[2]
EXPECTED_API = sys.argv[3] if len(sys.argv) > 3 else None
TMP = os.environ.get("TMPDIR", "/tmp")
SOCKET = f"{TMP}/control.sock"
# name -> (offset, active_low), in configuration order (the order `led test` lights them)
LEDS = {"power": (0, False), "uplink": (1, True), "fault": (2, False), "net": (5, True), "session": (3, True)}


def value(offset):
    with open(f"{SYSFS}/sim_gpio{offset}/value") as f:
        return int(f.read())


def lit(name, raw):
    offset, active_low = LEDS[name]
    return raw[offset] != (1 if active_low else 0)


def sample(seconds, alive=None):
    """[(t, {offset: value})] read as fast as the guest allows, for `seconds` or while `alive`."""
    out, end = [], time.monotonic() + seconds
    while time.monotonic() < end and (alive is None or alive()):
        out.append((time.monotonic(), {o: value(o) for o, _ in LEDS.values()}))
        time.sleep(0.001)
    return out


def runs(samples, name):
    """[(lit, start, end)] of one LED: the stretches it was lit or dark."""
    result = []
    for t, raw in samples:
        state = lit(name, raw)
        if result and result[-1][0] == state:
            result[-1][2] = t
        else:
            result.append([state, t, t])
    return result


def ctl(*args, socket=SOCKET):
    done = subprocess.run([KIOSKCTL, "--socket", socket, "--json", *args], capture_output=True, text=True, timeout=30)
    try:
        return json.loads(done.stdout)
    except ValueError:
        return {"error": done.stdout + done.stderr}


def led_status():
    return {led["name"]: led for led in ctl("status").get("leds", [])}


version = subprocess.run([KIOSKD, "--version"], capture_output=True, text=True).stdout.strip()
print(f"kioskd under test: {version}", flush=True)
if EXPECTED_API:
    check(f"kioskd built against libgpiod API v{EXPECTED_API}", f"API v{EXPECTED_API}" in version, version)

config = f"""
[device]
id = gpio-vm
[storage]
dir = {TMP}/store
[control]
socket = {SOCKET}
[health]
interval = 3s
publish_interval = 1m
down_rounds = 1
[probe.refused]
type = tcp
target = 127.0.0.1:1
timeout = 500ms
[probe.silent]
type = dns
target = kiosk.test@127.0.0.1:5353
timeout = 3s
[led.power]
role = power
driver = gpiod
chip = {CHIP}
line = 0
[led.uplink]
role = uplink
driver = gpiod
chip = {CHIP.removeprefix("gpiochip")}
line = 1
active_low = yes
[led.fault]
role = fault
driver = gpiod
chip = /dev/{CHIP}
line = 2
[led.net]
role = network
driver = gpiod
chip = {CHIP}
line = LED_NET
active_low = yes
[led.session]
role = session
driver = gpiod
chip = {CHIP}
line = 3
active_low = yes
[led.ghost]
role = uplink
driver = gpiod
chip = gpiochip9
line = 0
"""
with open(f"{TMP}/kioskd.conf", "w") as f:
    f.write(config)

# Another program holds line 3 before kioskd starts (v1 and v2 gpioset spell it differently).
holder_cmd = ["gpioset", "--mode=signal", CHIP, "3=1"]
if "--mode" not in subprocess.run(["gpioset", "--help"], capture_output=True, text=True).stdout:
    holder_cmd = ["gpioset", "-c", CHIP, "3=1"]
holder = subprocess.Popen(holder_cmd)
time.sleep(0.5)

# A DNS server that never answers keeps the health thread in a 3 s probe most of the time, so
# that kioskd's stop (which waits for the round to end) holds the stopped state long enough to
# be seen: gpio-sim resets a line to its pull once kioskd has exited.
subprocess.run(["ip", "link", "set", "lo", "up"], check=False)
silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
silent.bind(("127.0.0.1", 5353))

log = open(f"{TMP}/kioskd.log", "w")
kioskd = subprocess.Popen([KIOSKD, "--config", f"{TMP}/kioskd.conf"], stderr=log)


def alive():
    try:
        with open(f"/proc/{kioskd.pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


try:
    if wait_for("kioskd answers on its control socket", lambda: os.path.exists(SOCKET) and "leds" in ctl("status"), 30):
        check("kioskd answers on its control socket", True)

    wait_for("network LED shows the offline pattern", lambda: led_status().get("net", {}).get("pattern") == "fast-blink", 30)
    leds = led_status()
    check("status lists the six LEDs", list(leds) == ["power", "uplink", "fault", "net", "session", "ghost"], str(list(leds)))
    ghost = leds.get("ghost", {}).get("fault") or ""
    check("missing chip reported in status", "no GPIO chip /dev/gpiochip9" in ghost, ghost)
    busy = leds.get("session", {}).get("fault") or ""
    check("busy line reported in status with its holder", f'line 3 of {CHIP} is busy (used by "gpioset")' in busy, busy)
    info = subprocess.run(["gpioinfo", CHIP], capture_output=True, text=True).stdout
    print(info, flush=True)
    check("gpioinfo shows kioskd as the consumer of its lines", info.count('"kioskd"') == 4, f"{info.count(chr(34) + 'kioskd' + chr(34))} lines")

    samples = sample(3.2)
    print(f"{len(samples)} samples in 3.2 s", flush=True)
    check("active-low uplink, off: the line stays high", all(raw[1] == 1 for _, raw in samples))
    check("fault LED lit steadily (another LED has a fault)", all(raw[2] == 1 for _, raw in samples))
    net = runs(samples, "net")[1:-1]  # whole phases only
    # A run ends at its last sample; the phase lasts until the next one starts.
    halves = [round((b[1] - a[1]) * 1000) for a, b in zip(net, net[1:])]
    # The shape, not the precision (scripts/bench/led measures that): under software emulation
    # on a busy host an edge may land tens of ms late, but the next one is back on the grid.
    edges = [start for _, start, _ in net]
    offsets = sorted(t - k * 0.25 for k, t in enumerate(edges))
    grid_error = max((abs(t - k * 0.25 - offsets[len(offsets) // 2]) for k, t in enumerate(edges)), default=1) * 1000
    base = offsets[len(offsets) // 2]
    on_grid = sum(1 for k, t in enumerate(edges) if abs(t - k * 0.25 - base) <= 0.05)
    check("network LED (by line name, active-low) blinks at 2 Hz",
          len(halves) >= 8 and 240 <= sorted(halves)[len(halves) // 2] <= 260 and on_grid >= 0.8 * len(edges),
          f"half periods {halves} ms, {on_grid} of {len(edges)} edges within 50 ms of the 250 ms grid, {grid_error:.0f} ms off at worst")
    power = runs(samples, "power")
    rises = [start for state, start, _ in power if state][1:]
    beats = [round((b - a) * 1000) for a, b in zip(rises, rises[1:])]
    check("power LED beats a heartbeat (100 ms, 150 ms, 100 ms, 1150 ms)",
          len(beats) >= 2 and sorted(beats)[0] in range(150, 351) and sorted(beats)[-1] in range(1150, 1351)
          and abs(sum(beats[:2]) - 1500) <= 100, f"gaps between beats {beats} ms")

    def fault_events():
        events = ctl("events", "--since", "1h")
        kinds = [(e["data"].get("kind"), e["data"].get("led")) for e in events] if isinstance(events, list) else []
        return ("led-fault", "ghost") in kinds and ("led-fault", "session") in kinds
    if wait_for("led-fault events for the missing chip and the busy line", fault_events, 10):
        check("led-fault events for the missing chip and the busy line", True)

    holder.send_signal(signal.SIGTERM)
    holder.wait()
    if wait_for("busy line taken once it is free (retried)", lambda: led_status().get("session", {}).get("fault") is None, 15):
        check("busy line taken once it is free (retried)", value(3) == 1, f"line 3 = {value(3)}")
    # The event reaches the store from the main loop's next turn after the LED thread cleared
    # the fault (within a second, longer on a loaded machine under TCG).
    def recovered():
        return ("led-recovered", "session") in [(e["data"].get("kind"), e["data"].get("led")) for e in ctl("events", "--since", "1h")]
    if wait_for("led-recovered event for the freed line", recovered, 10):
        check("led-recovered event for the freed line", True)

    test = ctl("led", "test")
    check("led test answers with the LEDs in order", [led["name"] for led in test.get("leds", [])][:5] == list(LEDS), str(test))
    samples = sample(6.3)
    starts = {name: next((start for state, start, _ in runs(samples, name) if state), None) for name in LEDS}
    # Power lights first, maybe before sampling began; the uplink's step starts a second later.
    t0 = starts["uplink"] - 1.0 if starts["uplink"] else None
    steps_ok = t0 is not None and all(starts[name] is not None for name in LEDS)
    if steps_ok:
        for index, name in enumerate(LEDS):
            middle = t0 + index + 0.5
            raw = min(samples, key=lambda s: abs(s[0] - middle))[1]
            shown = [other for other in LEDS if lit(other, raw)]
            steps_ok = steps_ok and shown == [name] and (index == 0 or abs(starts[name] - (t0 + index)) < 0.25)
    check("led test lights each LED alone, in turn, a second each", steps_ok, f"first lit at {[(n, round(s - t0, 2) if s and t0 else None) for n, s in starts.items()]}")

    # SIGTERM just as a health round starts (its DNS query arrives): the stop then waits about
    # 3 s for that round, with the stopped state shown.
    silent.setblocking(False)
    try:
        while True:
            silent.recv(512)
    except BlockingIOError:
        pass
    silent.settimeout(10)
    try:
        silent.recv(512)
    except socket.timeout:
        print("no DNS query from kioskd within 10 s", flush=True)
    kioskd.send_signal(signal.SIGTERM)
    signalled = time.monotonic()
    trace = sample(10, alive=alive) + sample(0.3)
    # The running patterns (the network LED blinking), then the stopped state held while kioskd
    # stops (at least 1 s: a blink's half period is 250 ms), then, once it has exited, gpio-sim's pull-down on each line as the kernel lets go.
    expected = {0: 0, 1: 1, 2: 1, 5: 1, 3: 1}  # fault lit, the others dark (active-low lines high)
    released = {offset: 0 for offset in expected}
    held, start = 0.0, None
    for t, raw in trace:
        if raw == expected:
            start = t if start is None else start
            held = max(held, t - start)
        else:
            start = None
    first = next((i for i, (_, raw) in enumerate(trace) if raw == expected), None)
    after = [raw for _, raw in trace[first:]] if first is not None else []
    # After it, each line drops to the pull-down once; nothing else happens.
    only_release = all(all(b[o] <= a[o] and b[o] in (expected[o], 0) for o in expected) for a, b in zip(after, after[1:]))
    print(f"stopped state held for {held * 1000:.0f} ms before kioskd exited", flush=True)
    check("agent stopped state on SIGTERM: only the fault LED lit, held until kioskd exits",
          held >= 1.0 and only_release and bool(after) and after[-1] == released,
          f"held {held * 1000:.0f} ms from {(trace[first][0] - signalled) * 1000 if first is not None else -1:.0f} ms after SIGTERM; last states {after[-3:]}")
    check("kioskd exits 0 on SIGTERM", kioskd.wait(timeout=15) == 0)

    # A kioskd that may not open the chip (user nobody; /dev/gpiochipN is root's, mode 0600).
    own = f"{TMP}/nobody"
    os.makedirs(own, mode=0o777)
    os.chmod(own, 0o777)
    with open(f"{own}/kioskd.conf", "w") as f:
        f.write(f"[storage]\ndir = {own}/store\n[control]\nsocket = {own}/control.sock\n[mqtt]\nport = 9\n"
                f"[led.denied]\nrole = power\ndriver = gpiod\nchip = {CHIP}\nline = 6\n")
    nobody = subprocess.Popen(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", KIOSKD, "--config", f"{own}/kioskd.conf"],
                              stderr=log)
    try:
        denied = ""
        end = time.monotonic() + 30
        while time.monotonic() < end and not denied:
            time.sleep(0.3)
            leds = {led["name"]: led for led in ctl("status", socket=f"{own}/control.sock").get("leds", [])}
            denied = leds.get("denied", {}).get("fault") or ""
        check("permission error reported in status, kioskd runs on",
              f"cannot open /dev/{CHIP}: Permission denied; kioskd must be root or in the group that owns it" in denied
              and nobody.poll() is None, denied)
    finally:
        nobody.send_signal(signal.SIGTERM)
        nobody.wait(timeout=15)
finally:
    if kioskd.poll() is None:
        kioskd.kill()
    if holder.poll() is None:
        holder.kill()
    log.close()
    with open(f"{TMP}/kioskd.log") as f:
        print("kioskd log:\n" + f.read(), flush=True)

print(f"led-checks: {vmcheck.failures} failed", flush=True)
sys.exit(1 if vmcheck.failures else 0)
