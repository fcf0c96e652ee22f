import KioskCore
import KioskOutbox

/// The record store as the first of kioskd's services: open before anything records, closed
/// after everything stopped.
extension Recorder: Service {
    var name: String { "store" }

    func start() { open() }

    func stop(by deadline: Int64) { close() }

    func apply(_ reload: Reload) -> [String] {
        let changed = reload.new.storage != reload.old.storage
        update(config: reload.new)
        return changed ? ["limits and sync interval"] : []
    }
}
