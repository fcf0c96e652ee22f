import CMosquitto
#if canImport(Glibc)
import Glibc
#endif

// The C callbacks installed on every libmosquitto handle: the broker client's and the
// consumer's (kioskctl fleet).
//
// Each is a named global function (never a closure: a closure written in main-actor code is
// inferred main-actor-isolated and crashes when libmosquitto's thread calls it). Each finds its
// `MosquittoEventQueue` through libmosquitto's userdata pointer, turns its C arguments into a
// `MosquittoEvent`, queues it and returns: libmosquitto holds its callback lock meanwhile.

/// The events a handle's callbacks queued, for its owner to take after each libmosquitto call.
///
/// Not Sendable: the network thread that owns the handle owns this too; the callbacks run on
/// that thread, inside its libmosquitto calls.
final class MosquittoEventQueue {
    private var events: [MosquittoEvent] = []

    /// Installs the callbacks below on `handle`, with this queue as userdata (unretained: the
    /// owner holds the queue and destroys the handle in its deinit, so the handle never
    /// outlives it).
    func install(on handle: OpaquePointer) {
        mosquitto_user_data_set(handle, Unmanaged.passUnretained(self).toOpaque())
        mosquitto_connect_v5_callback_set(handle, brokerConnected)
        mosquitto_disconnect_v5_callback_set(handle, brokerDisconnected)
        mosquitto_message_v5_callback_set(handle, brokerMessage)
        mosquitto_publish_v5_callback_set(handle, brokerPublished)
        mosquitto_subscribe_v5_callback_set(handle, brokerSubscribed)
        mosquitto_log_callback_set(handle, brokerLog)
    }

    /// Called by the C callbacks only.
    func queue(_ event: MosquittoEvent) {
        events.append(event)
    }

    /// The events queued since the last call, oldest first.
    func take() -> [MosquittoEvent] {
        defer { events.removeAll(keepingCapacity: true) }
        return events
    }

    fileprivate static func from(_ userdata: UnsafeMutableRawPointer?) -> MosquittoEventQueue? {
        guard let userdata else { return nil }
        return Unmanaged<MosquittoEventQueue>.fromOpaque(userdata).takeUnretainedValue()
    }
}

private func brokerConnected(
    _ handle: OpaquePointer?, _ userdata: UnsafeMutableRawPointer?, _ code: Int32, _ flags: Int32,
    _ properties: OpaquePointer?
) {
    MosquittoEventQueue.from(userdata)?.queue(.connack(code: code, flags: flags))
}

private func brokerDisconnected(
    _ handle: OpaquePointer?, _ userdata: UnsafeMutableRawPointer?, _ code: Int32,
    _ properties: OpaquePointer?
) {
    let systemCode = errno  // first, before anything else can change it
    MosquittoEventQueue.from(userdata)?.queue(.disconnected(code: code, systemCode: systemCode))
}

private func brokerMessage(
    _ handle: OpaquePointer?, _ userdata: UnsafeMutableRawPointer?,
    _ message: UnsafePointer<mosquitto_message>?, _ properties: OpaquePointer?
) {
    guard let message = message?.pointee, let topic = message.topic else { return }
    var payload: [UInt8] = []
    if let bytes = message.payload, message.payloadlen > 0 {
        payload = Array(UnsafeRawBufferPointer(start: bytes, count: Int(message.payloadlen)))
    }
    MosquittoEventQueue.from(userdata)?.queue(
        .message(topic: String(cString: topic), payload: payload, retained: message.retain))
}

private func brokerPublished(
    _ handle: OpaquePointer?, _ userdata: UnsafeMutableRawPointer?, _ mid: Int32,
    _ reasonCode: Int32, _ properties: OpaquePointer?
) {
    MosquittoEventQueue.from(userdata)?.queue(.published(mid: mid, reasonCode: reasonCode))
}

private func brokerSubscribed(
    _ handle: OpaquePointer?, _ userdata: UnsafeMutableRawPointer?, _ mid: Int32, _ count: Int32,
    _ granted: UnsafePointer<Int32>?, _ properties: OpaquePointer?
) {
    var grantedQoS: [Int32] = []
    if let granted, count > 0 {
        grantedQoS = Array(UnsafeBufferPointer(start: granted, count: Int(count)))
    }
    MosquittoEventQueue.from(userdata)?.queue(.subscribed(mid: mid, grantedQoS: grantedQoS))
}

private func brokerLog(
    _ handle: OpaquePointer?, _ userdata: UnsafeMutableRawPointer?, _ level: Int32,
    _ text: UnsafePointer<CChar>?
) {
    let wanted = Int32(MOSQ_LOG_ERR) | Int32(MOSQ_LOG_WARNING)
    guard level & wanted != 0, let text else { return }
    MosquittoEventQueue.from(userdata)?.queue(.libraryLog(level: level, text: String(cString: text)))
}

/// OpenSSL's passphrase callback: there is none, so an encrypted key fails cleanly instead of
/// OpenSSL prompting on a terminal that a daemon does not have.
func brokerKeyPassphrase(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int32, _ rwflag: Int32,
    _ userdata: UnsafeMutableRawPointer?
) -> Int32 {
    0
}
