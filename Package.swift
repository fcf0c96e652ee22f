// swift-tools-version:6.0
import PackageDescription

// kiosk-agent: Foundation only, no package dependencies, two system C libraries.
let package = Package(
    name: "kiosk-agent",
    products: [
        .executable(name: "kioskd", targets: ["kioskd"]),
        .executable(name: "kioskctl", targets: ["kioskctl"]),
        .executable(name: "kiosk-fleet-sim", targets: ["kiosk-fleet-sim"]),
    ],
    targets: [
        // System libraries: header-only shims, found through pkg-config.
        .systemLibrary(
            name: "CMosquitto",
            pkgConfig: "libmosquitto",
            providers: [.apt(["libmosquitto-dev"])]
        ),
        .systemLibrary(
            name: "CGPIOD",
            pkgConfig: "libgpiod",
            providers: [.apt(["libgpiod-dev"])]
        ),

        // Linux calls Swift's Glibc module lacks (SO_PEERCRED credentials, ntp_adjtime): a C shim.
        .target(name: "CLinux"),
        // The Linux plumbing, the only importer of CLinux: errno, the write loop, threads, pipes,
        // peer credentials, the NTP state, evdev, Duration → milliseconds.
        .target(name: "KioskSystem", dependencies: ["CLinux"]),
        // Plain Swift, no C module: configuration, logging, control protocol, clock, store.
        .target(name: "KioskCore", dependencies: ["KioskSystem"]),
        // The only importer of CMosquitto: the broker client.
        .target(name: "KioskMQTT", dependencies: ["KioskCore", "CMosquitto"]),
        // The only importer of CGPIOD: LED drivers.
        .target(name: "KioskGPIO", dependencies: ["KioskCore", "CGPIOD"]),
        // Below the daemon: the recorder (appends, group commit, the durable hand-off, events),
        // the publisher's view of the store and the kiosk's presence, used as they are by
        // kioskd, the fleet simulator and the MQTT tests.
        .target(name: "KioskOutbox", dependencies: ["KioskCore", "KioskMQTT"]),
        // The daemon's services and their wiring; kioskd's main.swift only calls into it.
        .target(name: "KioskDaemon", dependencies: ["KioskCore", "KioskMQTT", "KioskGPIO", "KioskOutbox"]),

        .executableTarget(name: "kioskd", dependencies: ["KioskDaemon"]),
        .executableTarget(name: "kioskctl", dependencies: ["KioskCore", "KioskFleet", "KioskMQTT"]),
        // The provincial side: reading kiosk.v1 records, the fleet view, seq gaps and duplicates.
        .target(name: "KioskFleet", dependencies: ["KioskCore"]),
        // Many kiosks' real publishing code (store, feed, broker client) against one broker.
        .executableTarget(name: "kiosk-fleet-sim", dependencies: ["KioskOutbox", "KioskFleet", "KioskMQTT", "KioskCore"]),

        .target(name: "TestSupport", dependencies: ["KioskCore"], path: "Tests/TestSupport"),
        .testTarget(name: "KioskSystemTests", dependencies: ["KioskSystem"]),
        .testTarget(name: "KioskCoreTests", dependencies: ["KioskCore", "TestSupport"]),
        .testTarget(name: "KioskMQTTTests", dependencies: ["KioskMQTT", "KioskOutbox", "TestSupport"]),
        .testTarget(name: "KioskFleetTests", dependencies: ["KioskFleet", "KioskCore"]),
        // The provincial side: records validated against config/schema, the broker's ACL, the fleet.
        .testTarget(
            name: "ContractTests",
            dependencies: ["KioskCore", "KioskFleet", "TestSupport", "kioskd", "kioskctl", "kiosk-fleet-sim"]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["KioskCore", "TestSupport", "kioskd", "kioskctl"]
        ),
        // LED drivers against folders laid out like /sys/class/leds; the LED board with a fake.
        .testTarget(name: "KioskGPIOTests", dependencies: ["KioskGPIO", "TestSupport"]),
        .testTarget(name: "KioskOutboxTests", dependencies: ["KioskOutbox", "TestSupport"]),
        .testTarget(name: "KioskDaemonTests", dependencies: ["KioskDaemon", "KioskGPIO", "KioskOutbox", "TestSupport"]),
        // The store's guarantees under faults, alone and combined: power-loss images, kills,
        // a refusing and flapping broker, a full disk, read errors, a hostile control socket.
        // `scripts/torture [--full]` runs it and prints what each part tried and found.
        .testTarget(
            name: "FaultTests",
            dependencies: ["KioskCore", "KioskMQTT", "TestSupport", "kioskd", "kioskctl"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
