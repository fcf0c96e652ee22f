import Foundation
import Testing
@testable import KioskCore

/// Measurements as the probes make them, one healthy probe per layer by default.
enum Probes {
    static func healthy(_ layer: HealthLayer) -> ProbeMeasurement {
        switch layer {
        case .link:
            ProbeMeasurement(
                name: "link", type: "link", target: "eth0", layer: .link, ok: true, sent: 0,
                link: LinkInfo(interface: "eth0", operstate: "up", carrier: true), atWallMs: 0)
        case .gateway:
            ProbeMeasurement(
                name: "gateway", type: "icmp", target: "192.168.1.1", layer: .gateway, ok: true, sent: 3,
                rttMs: [1.5, 2.5, 3.5], atWallMs: 0)
        case .dns:
            ProbeMeasurement(
                name: "dns", type: "dns", target: "broker.example", layer: .dns, ok: true, rttMs: [20], atWallMs: 0)
        case .internet:
            ProbeMeasurement(
                name: "internet", type: "icmp", target: "1.1.1.1", layer: .internet, ok: true, sent: 3,
                rttMs: [40, 45, 50], atWallMs: 0)
        case .portal:
            ProbeMeasurement(
                name: "captive", type: "http", target: "http://portal-check.example/generate_204", layer: .portal,
                ok: true, rttMs: [80], atWallMs: 0, httpStatus: 204)
        case .broker:
            ProbeMeasurement(
                name: "broker", type: "tcp", target: "broker.example:8883", layer: .broker, ok: true, rttMs: [60],
                atWallMs: 0)
        case .mqtt:
            ProbeMeasurement(name: "mqtt", type: "mqtt", target: "broker.example", layer: .mqtt, ok: true, atWallMs: 0)
        }
    }

    /// The same probe, failed with `detail` (nothing answered).
    static func failed(_ layer: HealthLayer, _ detail: String = "timed out after 5s") -> ProbeMeasurement {
        var m = healthy(layer)
        m.ok = false
        m.received = 0
        m.rttMs = []
        m.detail = detail
        if layer == .link { m.link = LinkInfo(interface: "eth0", operstate: "down", carrier: false) }
        return m
    }

    /// The captive-portal check answered by a portal.
    static let portal: ProbeMeasurement = {
        var m = healthy(.portal)
        m.ok = false
        m.portal = true
        m.httpStatus = 302
        m.detail = "HTTP 302 to http://login.example"
        return m
    }()

    /// Every layer healthy.
    static var allFine: [ProbeMeasurement] { HealthLayer.allCases.map(healthy) }

    /// Every layer healthy except those in `replacements`.
    static func round(_ replacements: ProbeMeasurement...) -> [ProbeMeasurement] {
        allFine.map { m in replacements.first { $0.name == m.name } ?? m }
    }

    /// `layer` failing: the cause of an `offline` round.
    static func down(_ layer: HealthLayer = .internet) -> [ProbeMeasurement] { round(failed(layer)) }
}

/// A kiosk's clocks as the tracker sees them: one round every `intervalMs`, a boot id, and
/// reboots that restart the monotonic clock while wall time moves on.
final class KioskTime {
    var boot = "boot-a"
    var monoMs: Int64 = 60_000
    /// 2026-11-23T12:00:00.000Z
    var wallMs: Int64 = 1_795_435_200_000
    var clock: ClockState = .synced
    let intervalMs: Int64

    init(intervalMs: Int64 = 30_000) { self.intervalMs = intervalMs }

    var moment: ClockReading { ClockReading(boot: boot, monoMs: monoMs, wallMs: wallMs, clock: clock) }

    /// Feeds `round` at the current time, then moves time on by one interval.
    func feed(_ tracker: ConnectivityTracker, _ round: [ProbeMeasurement]) -> [ConnectivityChange] {
        defer { advance(intervalMs) }
        return tracker.observe(round, monoMs: monoMs, wallMs: wallMs, clock: clock, boot: boot)
    }

    func advance(_ ms: Int64) {
        monoMs += ms
        wallMs += ms
    }

    /// Power is cut now and comes back `downMs` later; kioskd probes `startMs` after boot.
    func reboot(as newBoot: String, downMs: Int64, startMs: Int64 = 20_000, clock newClock: ClockState = .synced) {
        boot = newBoot
        wallMs += downMs + startMs
        monoMs = startMs
        clock = newClock
    }
}

/// A health folder under a fresh temporary store folder.
func ledgerFolder() throws -> (StoreFolder, String) {
    let folder = try StoreFolder()
    return (folder, folder.path + "/health")
}

func rfc(_ ms: Int64) -> String { KernelClock.rfc3339(milliseconds: ms) }

extension [ConnectivityChange] {
    var startedOutage: OpenOutage? {
        for change in self { if case .outageStarted(let o) = change { return o } }
        return nil
    }

    var endedOutage: OutageRecord? {
        for change in self { if case .outageEnded(let r) = change { return r } }
        return nil
    }
}
