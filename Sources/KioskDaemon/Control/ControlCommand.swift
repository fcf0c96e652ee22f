import KioskCore

/// One command of the control socket: its name, whether it changes state, and what it does.
/// Commands run on the main loop's thread, one at a time, so they need no locking.
public struct ControlCommand {
    public typealias Handler = (_ args: [String: JSONValue], _ peer: ControlPeer) throws(ControlError) -> any Encodable

    public var name: String
    /// Commands that change state are refused to peers the policy does not trust.
    public var changesState: Bool
    public var run: Handler

    public init(_ name: String, changesState: Bool = false, run: @escaping Handler) {
        self.name = name
        self.changesState = changesState
        self.run = run
    }
}
