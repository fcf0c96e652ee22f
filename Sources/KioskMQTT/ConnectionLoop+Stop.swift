import KioskCore

extension ConnectionLoop {
    /// Carries out a stop request; the thread returns afterwards.
    func shutDown(_ mode: ClientMailbox.StopMode) {
        switch mode {
        case .abandon:
            closingOnPurpose = true
            connection = nil  // mosquitto_destroy: the socket closes without DISCONNECT
            log.notice("broker connection abandoned without DISCONNECT")
        case .clean(let timeout):
            let deadline = Self.now + DurationUnits.milliseconds(timeout)
            // No new record from here: `offline` is the last message of the connection.
            publisher?.stopSending(permanently: true)
            finishAttempt(before: deadline)
            if case .connected = phase {
                publishOffline(reason: "shutdown", before: deadline)
                awaitRecordAcknowledgements(before: deadline)
                disconnectCleanly(reason: "shutdown", before: deadline)
            }
            closingOnPurpose = true
            connection = nil
        }
        mailbox.updateStatus { snapshot in
            snapshot.status.state = .stopped
            snapshot.nextAttemptAt = nil
        }
    }

    /// New settings: when they differ, leave the broker cleanly and connect again at once.
    /// When the broker or the status topic changes, the old one is told `offline` with reason
    /// `reconfigured`, so no stale `online` stays retained there.
    func reconfigure(_ new: BrokerSettings) {
        // Every reload tries MQTT 5 first again on the next connection (a broker upgraded since).
        protocols.forget()
        guard new != settings else { return }
        let old = settings
        if case .connected = phase {
            let deadline = Self.now + 2_000
            let moved = new.host != old.host || new.port != old.port
                || new.statusTopic != old.statusTopic || new.clientID != old.clientID
            publisher?.stopSending()
            if moved {
                publishOffline(reason: "reconfigured", before: deadline)
            }
            awaitRecordAcknowledgements(before: deadline)
            disconnectCleanly(reason: "reconfigured", before: deadline)
        }
        closingOnPurpose = true
        connection = nil
        closingOnPurpose = false
        settings = new
        backoff = ReconnectBackoff(minimum: new.reconnectMin, maximum: new.reconnectMax)
        publisher?.setRetry(minimum: new.reconnectMin, maximum: new.reconnectMax)
        failedAttempts = 0
        lastLoggedFailure = nil
        mailbox.updateStatus { snapshot in
            snapshot.status.state = .disconnected
            snapshot.status.host = new.host
            snapshot.status.port = new.port
            snapshot.status.tls = new.tls
            snapshot.status.failedAttempts = 0
            snapshot.nextAttemptAt = nil
        }
        log.info("broker settings changed; reconnecting", ["settings": new.description])
        phase = .waiting(until: Self.now)
    }

    /// Lets an attempt under way finish or fail, so that no half-made session is left behind
    /// whose Will would later announce a connection loss that was really a shutdown.
    private func finishAttempt(before deadline: Int64) {
        while case .connecting(let attemptDeadline) = phase {
            let now = Self.now
            guard now < deadline else { return }
            pump(maxWait: min(100, deadline - now))
            if case .connecting = phase, Self.now >= attemptDeadline {
                attemptFailed("timed out waiting for CONNACK")
            }
        }
    }

    /// Publishes retained `offline` with `reason` and waits (until `deadline`) for its PUBACK.
    private func publishOffline(reason: String, before deadline: Int64) {
        guard let connection else { return }
        closingOnPurpose = true
        defer { closingOnPurpose = false }
        do {
            let payload = presence(.offline, reason)
            let mid = try connection.publish(settings.statusTopic, payload: payload, qos: 1, retain: true)
            awaitingAck.insert(mid)
            while awaitingAck.contains(mid), self.connection != nil, Self.now < deadline {
                pump(maxWait: deadline - Self.now)
            }
            if awaitingAck.contains(mid) {
                log.warning("broker did not acknowledge the offline status in time", ["reason": reason])
            }
        } catch {
            log.warning("cannot publish the offline status", ["reason": error.technicianSummary])
        }
    }

    /// Sends DISCONNECT (normal: the broker discards the Will) and waits until it is written.
    private func disconnectCleanly(reason: String, before deadline: Int64) {
        guard let connection else { return }
        closingOnPurpose = true
        defer { closingOnPurpose = false }
        do {
            try connection.disconnect()
        } catch {
            log.debug("DISCONNECT not sent", ["reason": error.technicianSummary])
            return
        }
        while self.connection != nil, connection.isOpen, Self.now < deadline {
            pump(maxWait: deadline - Self.now)
        }
        log.info("disconnected from broker", ["host": settings.host, "reason": reason])
    }
}
