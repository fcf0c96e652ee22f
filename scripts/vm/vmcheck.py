"""What the guest-side checks (led-checks.py, input-checks.py) share: one line per check,
"GPIOTEST PASS: name" or "GPIOTEST FAIL: name (why)", which the Swift tests look for, and the
count of failures for the exit status."""
import time

failures = 0


def check(name, ok, why=""):
    global failures
    if not ok:
        failures += 1
    print(f"GPIOTEST {'PASS' if ok else 'FAIL'}: {name}" + ("" if ok or not why else f" ({why})"), flush=True)
    return ok


def until(predicate, seconds, step=0.1):
    """Whether `predicate` came true within `seconds`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return False


def wait_for(what, predicate, seconds):
    """Like `until`, but a timeout is reported as the failed check `what`."""
    return until(predicate, seconds, step=0.2) or check(what, False, f"not within {seconds} s")
