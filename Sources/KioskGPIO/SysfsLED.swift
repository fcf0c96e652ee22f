#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// An LED the kernel knows, through the LED class: a `/sys/class/leds/NAME` folder with
/// `brightness`, `max_brightness` and `trigger`.
///
/// As a dead man's switch (the power role) it hands the LED to the kernel's `transient`
/// trigger: each lit phase arms a kernel timer for the phase's length, so the LED goes dark by
/// itself when kioskd stops re-arming it — crashed, hung or killed. A kernel without the
/// trigger (`ledtrig-transient`) gets plain brightness writes, and `note` says the LED can then
/// stay lit after a crash. Other roles use plain brightness writes.
public final class SysfsLED: LEDDriver {
    public let kind = "sysfs"
    public private(set) var note: String?
    /// Lit steadily as a dead man's switch, the timer is re-armed every second and lasts 2.5 s.
    public var refreshMs: Int64? { transient ? 1000 : nil }
    let path: String
    let deadMan: Bool
    private var transient = false
    private var maxBrightness = 1
    private var armedMs: Int64?
    private var opened = false

    static let steadyHoldMs: Int64 = 2500

    public init(path: String, deadMan: Bool) {
        self.path = path
        self.deadMan = deadMan
    }

    public func open() throws(LEDFault) {
        guard !opened else { return }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let error = Errno.current
            throw LEDFault(LEDFault.kind(of: error), "no LED at \(path) (\(error))")
        }
        let maximum = try read("max_brightness")
        maxBrightness = Int(maximum.trimmingSpaces) ?? 1
        let triggers = try read("trigger")
        transient = false
        note = nil
        if deadMan {
            let words = triggers.split(whereSeparator: \.isWhitespace)
            if words.contains("transient") || words.contains("[transient]") {
                // Setting a trigger again recreates its files, so a trigger already set (by an
                // earlier run) is kept: its files are already open to kioskd.
                if !words.contains("[transient]") { try write("trigger", "transient") }
                // The kernel creates activate, duration and state with the trigger, owned by
                // root; when kioskd is not root, udev (systemd/60-kioskd.rules) opens them to
                // the leds group a moment later, on the kernel's change event.
                try waitUntilWritable(["activate", "duration", "state"])
                try write("state", "1")
                transient = true
                armedMs = nil
            } else {
                note = "the kernel has no transient trigger (modprobe ledtrig-transient): plain brightness, so this LED stays lit if kioskd dies while it is lit"
            }
        }
        if !transient {
            // Take the LED from whatever trigger the board set (mmc0, default-on, heartbeat…).
            if !triggers.contains("[none]") { try write("trigger", "none") }
        }
        opened = true
    }

    public func show(lit: Bool, forMs: Int64?) throws(LEDFault) {
        guard transient else {
            return try write("brightness", lit ? String(maxBrightness) : "0")
        }
        // A write of 0 to `activate` cancels a running timer (the LED goes dark); a write of 1
        // starts one only when none runs, so a re-arm is always 0 then 1.
        try write("activate", "0")
        guard lit else { return }
        let hold = forMs ?? Self.steadyHoldMs
        if armedMs != hold {
            try write("duration", String(hold))
            armedMs = hold
        }
        try write("activate", "1")
    }

    public func close(leaving lit: Bool) {
        guard opened else { return }
        if transient {
            // Leaving the trigger turns the LED off; a plain brightness then says what to leave.
            try? write("activate", "0")
            try? write("trigger", "none")
        }
        try? write("brightness", lit ? String(maxBrightness) : "0")
        opened = false
        transient = false
    }

    // MARK: files

    /// Waits up to half a second for the files to exist and be writable by kioskd.
    private func waitUntilWritable(_ names: [String]) throws(LEDFault) {
        for attempt in 0...50 {
            if names.allSatisfy({ access(path + "/" + $0, W_OK) == 0 }) { return }
            if attempt < 50 { usleep(10_000) }
        }
        let missing = names.filter { access(path + "/" + $0, F_OK) != 0 }
        guard missing.isEmpty else {
            throw LEDFault(.failed, "\(path): the transient trigger is set but \(missing.joined(separator: ", ")) did not appear")
        }
        throw LEDFault(.permission, "\(path): the transient trigger's files are not writable by kioskd; is kioskd in the leds group, with 60-kioskd.rules installed?")
    }

    private func read(_ name: String) throws(LEDFault) -> String {
        let file = path + "/" + name
        let fd = Glibc.open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw fileFault("read", file) }
        defer { Glibc.close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = Glibc.read(fd, &buffer, buffer.count)
        guard count >= 0 else { throw fileFault("read", file) }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    private func write(_ name: String, _ value: String) throws(LEDFault) {
        let file = path + "/" + name
        // O_TRUNC so a folder in a test reads like sysfs (the kernel ignores it).
        let fd = Glibc.open(file, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { throw fileFault("write", file) }
        defer { Glibc.close(fd) }
        let bytes = Array((value + "\n").utf8)
        guard Glibc.write(fd, bytes, bytes.count) == bytes.count else { throw fileFault("write \(value) to", file) }
    }

    private func fileFault(_ action: String, _ file: String) -> LEDFault {
        let error = Errno.current
        return LEDFault(LEDFault.kind(of: error), "cannot \(action) \(file): \(error)")
    }
}

extension String {
    var trimmingSpaces: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}
