import KioskCore

/// Whether the previous kioskd stopped cleanly: written `clean: false` at start and
/// `clean: true` at a clean stop (`run.json` in the storage folder). Found `false` at start,
/// it means the previous run was killed or the kiosk lost power; its boot id says which.
struct RunMarker: Codable, Equatable {
    var boot: String
    var pid: Int32
    var startedWallMs: Int64
    var clean: Bool

    static func file(in directory: String) -> StateFile<RunMarker> {
        StateFile(directory: directory, name: "run.json")
    }
}
