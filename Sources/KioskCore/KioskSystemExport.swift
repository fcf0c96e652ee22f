/// What imports KioskCore sees KioskSystem's plumbing too (Errno, SystemThread, WakePipe,
/// `Duration.inMilliseconds`): one import for the modules above.
@_exported import KioskSystem
