#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A record to store: what the publisher needs to build the SPEC envelope later.
///
/// Device and site are not stored: they come from the configuration at send time, so a
/// renamed kiosk publishes its backlog under its new name. `data` is the JSON object of the
/// envelope's `data`, stored as bytes and spliced in verbatim.
public struct NewRecord: Sendable, Equatable {
    /// The topic type (`health`, `session`, `event`…): `[a-z0-9_-]`, 1–64 characters.
    public var type: String
    /// A periodic sample (a `health` sample): dropped before anything else when the store is full.
    public var periodic: Bool
    public var boot: String
    public var wallMs: Int64
    public var monoMs: Int64
    /// The clock state when `wallMs` was read.
    public var clock: ClockState
    /// One JSON object, `{…}`.
    public var data: [UInt8]

    public init(
        type: String, data: [UInt8], periodic: Bool = false, boot: String = KernelClock.bootID,
        wallMs: Int64 = KernelClock.wallMilliseconds(), monoMs: Int64 = KernelClock.monotonicMilliseconds(),
        clock: ClockState = KernelClock.state()
    ) {
        self.type = type
        self.periodic = periodic
        self.boot = boot
        self.wallMs = wallMs
        self.monoMs = monoMs
        self.clock = clock
        self.data = data
    }

    /// A record whose `data` is `value` in the project's JSON style (snake_case, sorted keys).
    public init<T: Encodable>(
        type: String, encoding value: T, periodic: Bool = false, boot: String = KernelClock.bootID,
        wallMs: Int64 = KernelClock.wallMilliseconds(), monoMs: Int64 = KernelClock.monotonicMilliseconds(),
        clock: ClockState = KernelClock.state()
    ) throws {
        self.init(
            type: type, data: try JSON.line(value), periodic: periodic, boot: boot, wallMs: wallMs,
            monoMs: monoMs, clock: clock)
    }
}

/// A record read back from the store, with the `seq` it was given when appended.
public struct StoredRecord: Sendable, Equatable {
    public var seq: UInt64
    public var type: String
    public var periodic: Bool
    public var boot: String
    public var wallMs: Int64
    public var monoMs: Int64
    public var clock: ClockState
    public var data: [UInt8]

    public init(
        seq: UInt64, type: String, periodic: Bool, boot: String, wallMs: Int64, monoMs: Int64,
        clock: ClockState, data: [UInt8]
    ) {
        self.seq = seq
        self.type = type
        self.periodic = periodic
        self.boot = boot
        self.wallMs = wallMs
        self.monoMs = monoMs
        self.clock = clock
        self.data = data
    }

    /// The wall time and clock state to publish: a record stamped while this boot's clock was
    /// unsynced is re-anchored on the synced clock through its monotonic time (`corrected`).
    /// Records of other boots cannot be re-anchored (their monotonic clock is gone) and keep
    /// what they were stamped with.
    public func timestamp(anchor: ClockAnchor?) -> (wallMs: Int64, clock: ClockState) {
        guard clock == .unsynced, let anchor, anchor.boot == boot else { return (wallMs, clock) }
        return (monoMs + anchor.wallMinusMonoMs, .corrected)
    }
}

/// The offset between synced wall time and monotonic time for one boot: what re-anchors
/// records stamped before the clock was synced.
public struct ClockAnchor: Sendable, Equatable {
    public var boot: String
    public var wallMinusMonoMs: Int64

    public init(boot: String, wallMs: Int64, monoMs: Int64) {
        self.boot = boot
        self.wallMinusMonoMs = wallMs - monoMs
    }

    /// The anchor of the running boot, or nil while the clock is not synced.
    public static func current() -> ClockAnchor? {
        guard KernelClock.state() == .synced else { return nil }
        return ClockAnchor(
            boot: KernelClock.bootID, wallMs: KernelClock.wallMilliseconds(),
            monoMs: KernelClock.monotonicMilliseconds())
    }
}
