import CMosquitto
#if canImport(Glibc)
import Glibc
#endif

// The C callbacks of a consumer's handle. As for the broker client (MosquittoCallbacks.swift):
// named global functions, the owner found through libmosquitto's userdata pointer, and nothing
// done but turning the C arguments into a `MosquittoEvent` and queueing it. The subscriber's
// loop handles the events once the libmosquitto call has returned.

extension ConsumerConnection {
    /// Installs the callbacks with `self` as userdata (unretained: the connection destroys the
    /// handle in its deinit, so the handle never outlives it).
    func installCallbacks() {
        mosquitto_user_data_set(handle, Unmanaged.passUnretained(self).toOpaque())
        mosquitto_connect_v5_callback_set(handle, subscriberConnected)
        mosquitto_disconnect_v5_callback_set(handle, subscriberDisconnected)
        mosquitto_message_v5_callback_set(handle, subscriberMessage)
        mosquitto_subscribe_v5_callback_set(handle, subscriberSubscribed)
    }

    fileprivate static func from(_ userdata: UnsafeMutableRawPointer?) -> ConsumerConnection? {
        guard let userdata else { return nil }
        return Unmanaged<ConsumerConnection>.fromOpaque(userdata).takeUnretainedValue()
    }
}

private func subscriberConnected(
    _ handle: OpaquePointer?, _ userdata: UnsafeMutableRawPointer?, _ code: Int32, _ flags: Int32,
    _ properties: OpaquePointer?
) {
    ConsumerConnection.from(userdata)?.queue(.connack(code: code, flags: flags))
}

private func subscriberDisconnected(
    _ handle: OpaquePointer?, _ userdata: UnsafeMutableRawPointer?, _ code: Int32, _ properties: OpaquePointer?
) {
    let systemCode = errno
    ConsumerConnection.from(userdata)?.queue(.disconnected(code: code, systemCode: systemCode))
}

private func subscriberMessage(
    _ handle: OpaquePointer?, _ userdata: UnsafeMutableRawPointer?,
    _ message: UnsafePointer<mosquitto_message>?, _ properties: OpaquePointer?
) {
    guard let message = message?.pointee, let topic = message.topic else { return }
    var payload: [UInt8] = []
    if let bytes = message.payload, message.payloadlen > 0 {
        payload = Array(UnsafeRawBufferPointer(start: bytes, count: Int(message.payloadlen)))
    }
    ConsumerConnection.from(userdata)?.queue(
        .message(topic: String(cString: topic), payload: payload, retained: message.retain))
}

private func subscriberSubscribed(
    _ handle: OpaquePointer?, _ userdata: UnsafeMutableRawPointer?, _ mid: Int32, _ count: Int32,
    _ granted: UnsafePointer<Int32>?, _ properties: OpaquePointer?
) {
    var grantedQoS: [Int32] = []
    if let granted, count > 0 {
        grantedQoS = Array(UnsafeBufferPointer(start: granted, count: Int(count)))
    }
    ConsumerConnection.from(userdata)?.queue(.subscribed(mid: mid, grantedQoS: grantedQoS))
}
