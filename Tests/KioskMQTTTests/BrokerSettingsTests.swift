import Foundation
import KioskCore
@testable import KioskMQTT
import Testing

@Suite struct BrokerSettingsTests {
    let settings = BrokerSettings(
        host: "mqtt.example.vn", port: 8883, tls: true, caFile: "/etc/kioskd/ca.pem",
        username: "kiosk-042", password: "hunter2-very-secret", clientID: "kiosk-042",
        statusTopic: "kiosk/v1/x/kiosk-042/status", commandTopic: "kiosk/v1/x/kiosk-042/cmd/+")

    @Test func descriptionNeverShowsThePassword() {
        for text in [settings.description, settings.debugDescription, "\(settings)",
                     String(reflecting: settings), dumped(settings)] {
            #expect(!text.contains("hunter2"), "\(text)")
        }
        #expect(settings.description.contains("password=(set)"))
        #expect(settings.description.contains("host=mqtt.example.vn port=8883 tls=yes"))
        var none = settings
        none.password = nil
        #expect(none.description.contains("password=(none)"))
    }

    @Test func fromConfiguration() {
        var config = Config.defaults()
        config.device.id = "kiosk-7"
        config.device.site = "xa-tan-lap"
        config.mqtt.host = "broker.tinh.vn"
        config.mqtt.willDelay = .seconds(45)
        let settings = BrokerSettings(config: config, password: "pw")
        #expect(settings.statusTopic == "kiosk/v1/xa-tan-lap/kiosk-7/status")
        #expect(settings.commandTopic == "kiosk/v1/xa-tan-lap/kiosk-7/cmd/+")
        #expect(settings.clientID == "kiosk-7")
        #expect(settings.host == "broker.tinh.vn")
        #expect(settings.willDelay == .seconds(45))
        #expect(settings.password == "pw")
        #expect(settings.sessionExpiry >= settings.willDelay)
    }

    @Test func durationsInMQTTUnits() {
        #expect(DurationUnits.seconds(.milliseconds(1500), roundedUpIn: 0...100) == 2)
        #expect(DurationUnits.seconds(.seconds(2), roundedUpIn: 5...65_535) == 5)
        #expect(DurationUnits.seconds(.seconds(100_000), roundedUpIn: 5...65_535) == 65_535)
        #expect(DurationUnits.milliseconds(.seconds(-3)) == 0)
        #expect(DurationUnits.of(.milliseconds(250)) == "250ms")
        #expect(DurationUnits.of(.seconds(30)) == "30s")
    }

    private func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
