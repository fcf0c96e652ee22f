import CMosquitto

/// libmosquitto's process-wide set-up.
///
/// `mosquitto_lib_init` must run once per process before any handle is made (it seeds the
/// library's random numbers and initialises OpenSSL); a `static let` runs its initialiser once,
/// thread-safely, however many clients are made. `mosquitto_lib_cleanup` is never called: the
/// library stays usable until the process exits, which is when a daemon would clean up anyway.
enum MosquittoLibrary {
    private static let initialised: Void = {
        _ = mosquitto_lib_init()
    }()

    static func ensureInitialised() {
        _ = initialised
    }

    /// `major.minor.revision` of the libmosquitto loaded at run time.
    static var version: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        _ = mosquitto_lib_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}
