extension ConnectionLoop {
    /// After every turn: the feed hears what settled, the window is refilled while connected
    /// (at once, no timer: a PUBACK or `recordsAvailable()` is what woke the loop), and the
    /// status shows the counters when they changed.
    func advancePublishing() {
        guard let publisher else { return }
        publisher.reportSettled()
        if case .connected = phase, let connection, connection.isOpen {
            publisher.send(over: connection)
        }
        showPublishingProgress()
    }

    /// Copies the publisher's counters into the status when they changed since the last copy.
    func showPublishingProgress() {
        guard let progress = publisher?.progress, progress != shownProgress else { return }
        shownProgress = progress
        mailbox.updateStatus { $0.publishing = progress }
    }

    /// Before a connection is closed on purpose (stop, reconfiguration): waits, until
    /// `deadline`, for the PUBACKs of the records in flight, so every acknowledgement the broker
    /// sent reaches the feed and fewer records are sent twice. The broker answers in order, so
    /// after the `offline` status's PUBACK this rarely waits at all.
    func awaitRecordAcknowledgements(before deadline: Int64) {
        guard let publisher else { return }
        closingOnPurpose = true
        defer { closingOnPurpose = false }
        while publisher.hasUnsettled, connection != nil, Self.now < deadline {
            pump(maxWait: deadline - Self.now)
        }
        if publisher.hasUnsettled {
            log.notice("records still unacknowledged when the connection closed; they will be sent again", [
                "in_flight": String(publisher.progress.inFlight),
            ])
        }
    }
}
