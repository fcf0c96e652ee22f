import KioskCore
import Testing

/// The LED card's table against the policy: each row shows what `LEDPolicy` gives for its
/// situation, and nothing the policy can show is missing from the card.
@Suite struct LEDLegendTests {
    /// Every combination of what kioskd's services report that matters to the policy.
    static let everyInputs: [LEDInputs] = {
        var all: [LEDInputs] = []
        for connectivity in [nil] + ConnectivityState.allCases.map(Optional.some) {
            for brokerConnected in [false, true] {
                for backlogDraining in [false, true] {
                    for sessionActive in [false, true] {
                        for faults in [[], ["clock not synced for 2h"]] {
                            all.append(LEDInputs(
                                connectivity: connectivity, brokerConnected: brokerConnected,
                                backlogDraining: backlogDraining, sessionActive: sessionActive, faults: faults))
                        }
                    }
                }
            }
        }
        return all
    }()

    @Test func everyRowShowsThePolicysPatternForItsSituation() {
        for row in LEDLegend.rows {
            switch (row.situation, row.role) {
            case (.running(let inputs), let role?):
                #expect(row.pattern == LEDPolicy.pattern(role: role, inputs: inputs), "\(row.id)")
            case (.stopped, let role?):
                #expect(row.pattern == LEDPolicy.stopped(role: role), "\(row.id)")
            case (.identify, nil):
                #expect(row.pattern == LEDPolicy.identify, "\(row.id)")
            case (.frozenLit, _?):
                #expect(row.pattern == .on, "\(row.id): a frozen lit line is steadily on")
            default:
                Issue.record("\(row.id): a running, stopped or frozen row needs a role, identify none")
            }
        }
    }

    @Test func everyPatternThePolicyCanShowHasARow() {
        struct Shown: Hashable {
            var role: LEDRole
            var pattern: LEDPattern
        }
        var produced = Set<Shown>()
        for role in LEDRole.allCases {
            for inputs in Self.everyInputs {
                produced.insert(Shown(role: role, pattern: LEDPolicy.pattern(role: role, inputs: inputs)))
            }
            produced.insert(Shown(role: role, pattern: LEDPolicy.stopped(role: role)))
        }
        let card = Set(LEDLegend.rows.compactMap { row in row.role.map { Shown(role: $0, pattern: row.pattern) } })
        for missing in produced.subtracting(card) {
            Issue.record("the LED card has no row for \(missing.role) showing \(missing.pattern)")
        }
        #expect(LEDLegend.rows.contains { $0.role == nil && $0.pattern == LEDPolicy.identify }, "identify is on the card")
    }

    @Test func rowsAreNamedOnceAndGroupedByRole() {
        let ids = LEDLegend.rows.map(\.id)
        #expect(Set(ids).count == ids.count, "\(ids)")
        let order = LEDLegend.rows.map { $0.role.map { LEDRole.allCases.firstIndex(of: $0)! } ?? LEDRole.allCases.count }
        #expect(order == order.sorted(), "rows follow LEDRole's order, every LED at once last")
    }
}
