#if canImport(Glibc)
import Glibc
#endif

/// A thread that runs `body` once and is never joined (FoundationEssentials has no Thread).
final class DetachedThread: Sendable {
    private let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) { self.body = body }

    func start() {
        let box = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        pthread_create(&thread, nil, { raw in
            let me = Unmanaged<DetachedThread>.fromOpaque(raw!).takeRetainedValue()
            me.body()
            return nil
        }, box)
        pthread_detach(thread)
    }
}
