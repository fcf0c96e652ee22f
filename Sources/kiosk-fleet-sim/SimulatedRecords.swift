import KioskCore

/// What a simulated kiosk records, built from kiosk-agent's own record types where they exist
/// (`HealthSample`, `OutageRecord`, `SessionRecord`; events are kioskd's `EventRecord`), so the records on the wire look like a real kioskd's (config/schema/kiosk.v1).
enum SimulatedRecords {
    static func health(_ random: inout SimulationRandom, target: String) -> HealthSample {
        let rounds = 10
        let offline = random.chance(0.1) ? random.int(1...3) : 0
        let degraded = random.chance(0.2) ? random.int(1...2) : 0
        let online = rounds - offline - degraded
        let state: ConnectivityState = offline >= 2 ? .offline : (degraded > 0 ? .degraded : .online)
        let sent = rounds * 3
        let received = sent - offline * 3 - degraded
        let p50 = Double(random.int(40...120))
        let probe = ProbeStats(
            name: "internet", type: "icmp", target: target, layer: .internet, rounds: rounds, failures: offline,
            sent: sent, received: received, loss: Double(sent - received) / Double(sent), rttMinMs: p50 / 2,
            rttP50Ms: p50, rttP95Ms: p50 * 3, rttMaxMs: p50 * 4, lastDetail: nil)
        return HealthSample(
            state: state, cause: state == .online ? nil : .internet, rounds: rounds,
            roundStates: RoundStateCounts(online: online, degraded: degraded, portal: 0, offline: offline),
            onlineShare: Double(online + degraded) / Double(rounds), probes: [probe], dnsMs: Double(random.int(5...60)),
            link: LinkInfo(interface: "wlan0", operstate: "up", carrier: true, signalDBm: Double(-random.int(50...80))))
    }

    /// A finished session, as kioskd's `SessionRecord`.
    static func session(_ random: inout SimulationRandom, endingAt endMs: Int64) -> SessionRecord {
        let duration = Int64(random.int(60_000...3_600_000))
        let idle = Int64(random.int(0...180_000))
        let reasons: [SessionEndReason] = [.user, .user, .idle, .idle, .shutdown, .interrupted]
        let labels: [String?] = [nil, "email-basics", "public-services", "job-search"]
        let startMs = endMs - duration
        return SessionRecord(
            id: "\(KernelClock.bootID.prefix(8))-\(startMs)", start: KernelClock.rfc3339(milliseconds: startMs),
            end: KernelClock.rfc3339(milliseconds: endMs), durationMs: duration, activeMs: max(0, duration - idle),
            idleMs: min(idle, duration), endReason: reasons[random.int(0...reasons.count - 1)],
            label: labels[random.int(0...labels.count - 1)], source: .ui, startBoot: KernelClock.bootID,
            endBoot: KernelClock.bootID, clock: .synced)
    }

    static func outage(startMs: Int64, endMs: Int64) -> OutageRecord {
        OutageRecord(
            start: KernelClock.rfc3339(milliseconds: startMs), end: KernelClock.rfc3339(milliseconds: endMs),
            durationMs: endMs - startMs, cause: .internet, reboots: 0, startBoot: KernelClock.bootID,
            endBoot: KernelClock.bootID, clock: .synced, unobservedMs: 0)
    }
}

/// A small seeded generator (SplitMix64): the same seed gives every kiosk the same schedule.
struct SimulationRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }

    /// An exponentially distributed wait with this mean: events that happen at random.
    mutating func exponential(meanMs: Int64) -> Int64 {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &self)
        return max(1, Int64(-Double(meanMs) * log(u)))
    }
}

#if canImport(Glibc)
import Glibc
#endif
