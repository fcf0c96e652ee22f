import KioskCore
import Testing

/// The policy: which pattern each role shows, case by case (`LEDLegendTests` checks the LED card).
@Suite struct LEDPolicyTests {
    func pattern(_ role: LEDRole, _ inputs: LEDInputs) -> String { LEDPolicy.pattern(role: role, inputs: inputs).name }

    @Test func powerBeatsWhateverHappens() {
        #expect(pattern(.power, LEDInputs()) == "heartbeat")
        #expect(pattern(.power, LEDInputs(connectivity: .offline, faults: ["storage: full"])) == "heartbeat")
    }

    @Test func networkFollowsTheConnectivityState() {
        #expect(pattern(.network, LEDInputs(connectivity: nil)) == "off")
        #expect(pattern(.network, LEDInputs(connectivity: .online)) == "on")
        #expect(pattern(.network, LEDInputs(connectivity: .degraded)) == "slow-blink")
        #expect(pattern(.network, LEDInputs(connectivity: .portal)) == "double-blink")
        #expect(pattern(.network, LEDInputs(connectivity: .offline)) == "fast-blink")
    }

    @Test func uplinkShowsTheBrokerAndTheBacklog() {
        #expect(pattern(.uplink, LEDInputs(brokerConnected: false)) == "off")
        #expect(pattern(.uplink, LEDInputs(brokerConnected: false, backlogDraining: true)) == "off")
        #expect(pattern(.uplink, LEDInputs(brokerConnected: true)) == "on")
        #expect(pattern(.uplink, LEDInputs(brokerConnected: true, backlogDraining: true)) == "blink")
    }

    @Test func sessionAndFault() {
        #expect(pattern(.session, LEDInputs(sessionActive: true)) == "on")
        #expect(pattern(.session, LEDInputs(sessionActive: false)) == "off")
        #expect(pattern(.fault, LEDInputs(faults: [])) == "off")
        #expect(pattern(.fault, LEDInputs(faults: ["clock not synced since kioskd started"])) == "on")
    }

    @Test func stoppedStateLightsOnlyTheFaultLED() {
        for role in LEDRole.allCases {
            #expect(LEDPolicy.stopped(role: role) == (role == .fault ? .on : .off), "\(role)")
        }
    }

    /// Patterns a technician must tell apart are never shared by two states of one role.
    @Test func theStatesOfARoleLookDifferent() {
        let network = [nil, ConnectivityState.online, .degraded, .portal, .offline].map { pattern(.network, LEDInputs(connectivity: $0)) }
        #expect(Set(network).count == network.count)
    }
}
