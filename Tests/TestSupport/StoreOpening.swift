#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// `RecordStore.open`, waiting out a lock held by a process another test is spawning.
///
/// Between fork and exec a child shares the parent's open files, the store's flocked folder
/// included (O_CLOEXEC closes it only at exec); Foundation's Process closes every descriptor in
/// the child before exec, which can take a while. So a store closed here may stay locked for a
/// moment while another test starts mosquitto or kioskd. kioskd itself spawns nothing.
public func openStore(directory: String, limits: StoreLimits) throws(StoreError) -> RecordStore {
    let deadline = KernelClock.monotonicMilliseconds() + 5_000
    while true {
        do throws(StoreError) {
            return try RecordStore.open(directory: directory, limits: limits)
        } catch {
            guard case .locked = error, KernelClock.monotonicMilliseconds() < deadline else { throw error }
            usleep(20_000)
        }
    }
}
