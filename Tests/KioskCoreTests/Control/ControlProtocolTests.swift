import KioskCore
import Testing

@Suite struct ControlProtocolTests {
    func parse(_ text: String) -> Result<ControlRequest, ControlError> {
        ControlRequest.parse(Array(text.utf8))
    }

    @Test func aRequestHasACommandAnIDAndArguments() throws {
        let request = try parse(#"{"id":3,"cmd":"session","args":{"label":"lesson"}}"#).get()
        #expect(request == ControlRequest(id: .number(3), cmd: "session", args: ["label": .string("lesson")]))
        #expect(try parse(#"{"cmd":"status"}"#).get().id == nil)
    }

    @Test(arguments: [
        ("", "empty request line"),
        ("nonsense", "request is not a JSON object"),
        ("\"status\"", "request is not a JSON object"),
        (#"{"id":1}"#, #"request has no "cmd" field"#),
        (#"{"cmd":["status"]}"#, #"request field "cmd" has the wrong type"#),
        (#"{"cmd":"status","args":[1]}"#, #"request field "args" has the wrong type"#),
    ])
    func malformedRequestsAreExplained(text: String, message: String) {
        #expect(throws: ControlError(.badRequest, message)) { try parse(text).get() }
    }

    @Test func repliesCarryTheIDAndEitherResultOrError() throws {
        let ok = ControlReply(id: .number(1), result: EffectiveConfig(file: nil, ini: "x"))
        #expect(String(decoding: try JSON.line(ok), as: UTF8.self) == #"{"id":1,"ok":true,"result":{"ini":"x"}}"#)
        let refused = ControlReply<EffectiveConfig>(id: .string("a"), error: ControlError(.forbidden, "no"))
        #expect(String(decoding: try JSON.line(refused), as: UTF8.self) == #"{"error":{"code":"forbidden","message":"no"},"id":"a","ok":false}"#)
    }

    @Test func policyTrustsRootTheDaemonsUserAndTheGroup() {
        let policy = ControlPolicy(daemonUID: 990, group: 991)
        #expect(policy.mayChangeState(ControlPeer(pid: 1, uid: 0, gid: 0)))
        #expect(policy.mayChangeState(ControlPeer(pid: 1, uid: 990, gid: 990)))
        #expect(policy.mayChangeState(ControlPeer(pid: 1, uid: 1000, gid: 991)))
        #expect(policy.mayChangeState(ControlPeer(pid: 1, uid: 1000, gid: 1000, groups: [27, 991])))
        #expect(!policy.mayChangeState(ControlPeer(pid: 1, uid: 1000, gid: 1000, groups: [27])))
    }

    @Test func unixAddressesFitOrAreRefused() {
        #expect(UnixAddress(path: "/run/kioskd/control.sock") != nil)
        #expect(UnixAddress(path: "@abstract-name") != nil)
        #expect(UnixAddress(path: "/" + String(repeating: "x", count: 120)) == nil)
        #expect(UnixAddress(path: "") == nil)
    }
}
