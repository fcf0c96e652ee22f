import CMosquitto
import KioskCore

extension ConnectionLoop {
    /// Handles what the callbacks queued during the last libmosquitto call.
    func handle(_ events: [MosquittoEvent]) {
        for event in events {
            switch event {
            case .connack(let code, let flags):
                if code == 0 {
                    connected(sessionPresent: flags & 1 != 0)
                } else if let version = connection?.protocolVersion {
                    attempt.refusal = BrokerReason(connackCode: code, protocolVersion: version)
                }
            case .disconnected(let code, let systemCode):
                // Below 0x80: a MOSQ_ERR_* code (0 after our own DISCONNECT). From 0x80: the
                // reason code of a DISCONNECT the broker sent (MQTT 5).
                if code >= 0x80 {
                    attempt.brokerDisconnect = BrokerReason(rawValue: code)
                } else if code != 0 {
                    attempt.disconnectError = MosquittoError(code, systemCode: systemCode)
                }
            case .message(let topic, let payload, let retained):
                deliver(topic: topic, payload: payload, retained: retained)
            case .published(let mid, let reasonCode):
                if publisher?.settle(mid: mid, reasonCode: reasonCode) == true { continue }
                awaitingAck.remove(mid)
                if reasonCode >= 0x80 {
                    log.warning("broker refused the status message", [
                        "topic": settings.statusTopic,
                        "reason": BrokerReason(rawValue: reasonCode).description,
                    ])
                }
            case .subscribed(_, let granted):
                if granted.contains(where: { $0 >= 0x80 }) {
                    log.warning("broker refused the command subscription", [
                        "topic": settings.commandTopic,
                    ])
                }
            case .libraryLog(_, let text):
                attempt.libraryErrors.append(text)
                log.debug("libmosquitto reported an error", ["message": text])
            }
        }
    }

    /// CONNACK accepted: subscribe to commands, announce `online` (retained, QoS 1), then let
    /// the publisher send records after it.
    private func connected(sessionPresent: Bool) {
        guard let connection else { return }
        phase = .connected
        failedAttempts = 0
        backoff.reset()
        lastLoggedFailure = nil
        attempt.libraryErrors = []
        let version = connection.protocolVersion
        if settings.protocolVersion == .auto {
            protocols.connected(to: brokerKey, with: version, nowMs: Self.now)
        }
        mailbox.updateStatus { snapshot in
            snapshot.status.state = .connected
            snapshot.status.protocol = version.name
            snapshot.status.failedAttempts = 0
            snapshot.nextAttemptAt = nil
        }
        log.info("connected to broker", [
            "host": settings.host, "port": String(settings.port), "protocol": version.name,
            "tls": settings.tls ? "yes" : "no", "session_present": sessionPresent ? "yes" : "no",
        ])
        do {
            _ = try connection.subscribe(settings.commandTopic, qos: 1)
            let online = presence(.online, nil)
            awaitingAck.insert(try connection.publish(settings.statusTopic, payload: online, qos: 1, retain: true))
            // The current status is on its way: the backlog may follow it on this connection.
            publisher?.begin(window: settings.effectivePublishWindow)
        } catch {
            // The connection is most likely gone already; the next turn of the loop notices.
            log.warning("cannot announce presence", ["reason": error.technicianSummary])
        }
    }

    private func deliver(topic: String, payload: [UInt8], retained: Bool) {
        guard let name = CommandTopic.name(of: topic, filter: settings.commandTopic) else {
            log.debug("ignored a message outside the command topic", ["topic": topic])
            return
        }
        // A retained command would replay at every reconnect (3.1.1 cannot opt out of it).
        if retained {
            log.debug("ignored a retained command", ["topic": topic])
            return
        }
        onCommand(name, payload)
    }
}

/// The command topic `{prefix}/{site}/{device}/cmd/+` and the names under it.
enum CommandTopic {
    /// The last level of `topic` when it matches `filter` (MQTT `+` and `#` wildcards), else nil.
    static func name(of topic: String, filter: String) -> String? {
        let levels = topic.split(separator: "/", omittingEmptySubsequences: false)
        let pattern = filter.split(separator: "/", omittingEmptySubsequences: false)
        guard matches(levels[...], pattern[...]), let name = levels.last, !name.isEmpty else {
            return nil
        }
        return String(name)
    }

    private static func matches(_ levels: ArraySlice<Substring>, _ pattern: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return levels.isEmpty }
        if head == "#" { return true }
        guard let level = levels.first else { return false }
        guard head == "+" || head == level else { return false }
        return matches(levels.dropFirst(), pattern.dropFirst())
    }
}

extension Error {
    /// Words for the technician, whatever the error type.
    var technicianSummary: String {
        if let error = self as? MosquittoError { return error.summary }
        if let error = self as? SetupFailure { return error.summary }
        return String(describing: self)
    }
}
