/// kioskctl's words in English: the reference catalogue. `Catalog+Vietnamese.swift` has the
/// same keys (`WordsTests` checks it); `{name}` marks where a value goes.
enum Catalog {
    static let english: [String: String] = [
        // MARK: Everywhere
        "span.days": "{d}d {h}h",
        "span.hours": "{h}h {m}m",
        "span.minutes": "{m}m {s}s",
        "span.seconds": "{s}s",
        "time.today": "{time}",
        "time.yesterday": "yesterday {time}",
        "time.date": "{year}-{month}-{day} {time}",
        "unreachable": """
            kioskctl: kioskd is not reachable at {path} ({reason}).
            Is it running? Start it with:  sudo systemctl start kioskd
            or run it in a terminal:       kioskd
            """,
        "store.direct": "kioskctl: kioskd is not running; read the store at {path} directly",
        "usage.noCommand": "no command given",
        "usage.unknownCommand": "unknown command \"{name}\"",
        "usage.unknownOption": "unknown option {option}",
        "usage.needsPath": "{option} needs a path",
        "usage.needsLanguage": "--lang needs en or vi",
        "usage.noArguments": "{command} takes no arguments",
        "usage.oneCommandName": "help takes one command name",
        "config.hasErrors": "configuration has errors",
        "help.usage": """
            usage: kioskctl [--socket PATH] [--config PATH] [--lang vi|en] [--json]
                            COMMAND [ARGS…]

            Global options:
              --socket PATH   kioskd's control socket (default: from the configuration
                              file, else /run/kioskd/control.sock, or the user's own
                              when not root)
              --config PATH   configuration file (default /etc/kioskd/kioskd.conf)
              --lang vi|en    language (default: LC_ALL, LC_MESSAGES or LANG, else the
                              configuration's [device] language)
              --json          print one stable JSON document instead of a table
              --version       print kioskctl's version
              -h, --help      print this help; `kioskctl help COMMAND` for a command's own
            """,
        "help.commands": "Commands:",
        "help.exitStatus": "Exit status: 0 success, 1 failure, 64 usage error, 69 kioskd not reachable.",

        // MARK: Shared by status and doctor: states, layers, what to check
        "layer.link": "link",
        "layer.gateway": "gateway",
        "layer.dns": "dns",
        "layer.internet": "internet",
        "layer.portal": "portal",
        "layer.broker": "broker",
        "layer.mqtt": "mqtt",
        "connectivity.online": "online",
        "connectivity.degraded": "degraded",
        "connectivity.portal": "portal",
        "connectivity.offline": "offline",
        "broker.state.disconnected": "disconnected",
        "broker.state.connecting": "connecting",
        "broker.state.connected": "connected",
        "broker.state.stopped": "stopped",
        "clock.synced": "synced",
        "clock.unsynced": "not synced yet (waiting for NTP)",
        "clock.corrected": "synced (was corrected)",
        "pattern.off": "off",
        "pattern.on": "on",
        "pattern.slow-blink": "slow-blink",
        "pattern.blink": "blink",
        "pattern.fast-blink": "fast-blink",
        "pattern.double-blink": "double-blink",
        "pattern.heartbeat": "heartbeat",
        "led.mode.identify": "identify",
        "led.mode.test": "test",
        "check.link": "Is the Ethernet cable plugged in firmly at both ends, with its port light on? On Wi-Fi: the network name and password.",
        "check.gateway": "Does the router have power, with its lights on? Check the cable from the kiosk to the router; switch the router off for 30 seconds, then on again.",
        "check.dns": "Restart the router. If that does not help, ask the province to set a DNS server (such as 8.8.8.8) in the router.",
        "check.internet": "Does the router's SIM card have credit and data left, and a mobile signal? Look at the router's internet light.",
        "check.portal": "The Wi-Fi wants a login page: open a browser on the kiosk and log in or accept the terms.",
        "check.broker": "The internet works but the province's server does not answer: check its address and port ([mqtt] host and port in kioskd.conf), or call the province.",
        "check.mqtt": "The province's server refuses the kiosk: check the certificate, the user name and the password file, or call the province.",
        "check.refused": "Call the province: its server must allow this kiosk to send. The records wait on the kiosk and nothing is lost.",
        "check.storage": "The SD card may be failing: run `kioskctl bundle`, take the file, and replace the SD card soon.",
        "check.led": "the wiring of LED {name} (see the LED line below).",

        // MARK: status
        "status.head.problem": "PROBLEM:",
        "status.head.check": "First check:",
        "status.head.note": "NOTE:",
        "status.head.fine": "OK:",
        "status.head.fineDetail": "the kiosk is online and sends its records to the province.",
        "status.head.storage": "the kiosk could not write to its SD card.",
        "status.head.offline": "the kiosk is offline.",
        "status.head.degraded": "the network is slow or loses data.",
        "status.head.portal": "a Wi-Fi login page blocks the kiosk.",
        "status.head.broker": "the kiosk cannot reach the province's server.",
        "status.head.refused": "the province's server refuses the kiosk's records.",
        "status.head.led": "an LED cannot be driven.",
        "status.head.connecting": "connecting to the province's server…",
        "status.head.clock": "the clock is not set yet; it sets itself once the kiosk is online (NTP).",
        "status.label.device": "device",
        "status.label.site": "site",
        "status.label.config": "config",
        "status.label.clock": "clock",
        "status.label.broker": "broker",
        "status.label.refused": "refused",
        "status.label.network": "network",
        "status.label.session": "session",
        "status.label.storage": "storage",
        "status.label.queue": "queue",
        "status.label.led": "led",
        "status.kioskd": "kioskd {version}  up {uptime}  (pid {pid}, started {started})",
        "status.config.defaults": "built-in defaults",
        "status.since": "since {time}",
        "status.broker.attempts": "{count} failed attempt(s)",
        "status.broker.next": ", next in {in}",
        "status.broker.lastError": "last error: {error}",
        "status.refused": "{reason} ({code}) since {since}, {count} refusal(s); records stay queued from seq {seq}",
        "status.refused.next": ", next offer in {in}",
        "status.network.cause": "first failing layer: {layer}",
        "status.network.outageSince": "outage since {time}",
        "status.session": "active {elapsed} (since {start}), idle {idle} of {timeout}",
        "status.session.labelled": "active {elapsed} (since {start}), label {label}, idle {idle} of {timeout}",
        "status.session.none": "none",
        "status.fault": "FAULT",
        "status.queue": "{count} record(s) waiting",
        "status.queue.oldest": ", oldest {age}",
        "status.queue.lost": "; {count} lost",
        "status.led.note": "note: {note}",

        // MARK: doctor
        "doctor.result.pass": "pass",
        "doctor.result.FAIL": "FAIL",
        "doctor.result.untested": "untested",
        "doctor.result.skip": "skip",
        "doctor.noProbe": "(no probe)",
        "doctor.mqtt.notRunning": "(kioskd is not running: its broker connection cannot be checked)",
        "doctor.verdict": "verdict: {state}",
        "doctor.verdict.cause": " — first failing layer: {layer}",
        "doctor.measured": "(Measured: {probe}: {figure}.)",
        "doctor.problem.link": "The network cable or Wi-Fi is down.",
        "doctor.problem.gateway": "The router does not answer.",
        "doctor.problem.dns": "Names cannot be looked up.",
        "doctor.problem.internet": "The router has no internet.",
        "doctor.problem.portal": "A login page (captive portal) is in the way.",
        "doctor.problem.broker": "The province's server does not answer.",
        "doctor.problem.mqtt": "The province's server refused kioskd.",
        "doctor.publish.0x87": "The server does not allow this kiosk to publish: ask the province to allow {filter} for its user in the broker's ACL. Records stay queued and are sent once allowed.",
        "doctor.publish.0x97": "The server's quota for this kiosk is used up: ask the province to raise it, or wait. Records stay queued.",
        "doctor.publish.other": "The server refuses this kiosk's records: ask the province to read the broker's log for why. Records stay queued and are sent once it accepts them.",
        "doctor.connected": "connected (MQTT {protocol})",
        "doctor.refused": "refused: {refusal}",
        "doctor.accepted": "records accepted",
        "doctor.accepted.v311": "records accepted (MQTT 3.1.1: a broker drops denied records unseen)",
        "doctor.replies": "{received}/{sent} replies",
        "doctor.noCarrier": ", no carrier",
        "doctor.signal": ", signal {dbm} dBm",

        // MARK: outages
        "outages.open": "{start} → now (going on)  cause {cause}",
        "outages.cause": "cause {cause}",
        "outages.reboots": ", {count} reboot(s)",
        "outages.none": "no outages recorded",
        "outages.timeline.title": "Last 24 hours, one mark per 15 minutes:",
        "outages.timeline.legend": "= online  ~ slow network  p Wi-Fi login page  X offline  . kioskd not running",
        "outages.timeline.now": "now",

        // MARK: Commands: what `help` says
        "config.summary": "check a configuration file, or show the one kioskd runs with",
        "config.help": """
            usage: kioskctl config check [PATH]
                   kioskctl config show

            check   Validates PATH (default: --config, else /etc/kioskd/kioskd.conf)
                    without kioskd, and prints every error with its file, line and key.
                    Exit 1 on errors.
            show    Prints the effective configuration of the running kioskd, every key
                    with its value, as a file kioskd can read. When kioskd is not running,
                    prints the configuration it would load, and says so.
            """,
        "doctor.summary": "test every layer: link, gateway, DNS, internet, portal, broker, MQTT",
        "doctor.help": """
            usage: kioskctl doctor [--json]

            Runs every connectivity probe now (the configured ones, or the defaults: the
            link of the default route, the gateway, DNS for the broker, TCP to the broker)
            and asks kioskd how its broker connection is and whether the broker takes its
            records (authorised to publish: a broker ACL or quota that refuses them fails
            the MQTT layer; the records stay queued; MQTT 5 only, a 3.1.1 broker drops a
            denied record unseen). Prints each layer, in order, with pass or FAIL, its
            figures and a one-line hint. The first failing layer is the cause. A layer
            whose probe may not run here (ping without permission) is "untested", with
            how to allow it. Exit status 0 when every layer passes, 1 when one fails.
            """,
        "events.summary": "what happened: starts, stops, clock sync, reloads, dropped records",
        "events.help": """
            usage: kioskctl events [--since DUR] [--limit N] [--json]

            Lists the kiosk's event records, newest first: kioskd started or stopped, the
            clock synced, the configuration reloaded, records dropped (and which). --since
            takes a duration such as 30m, 12h or 7d (default 7d); --limit caps the list
            (default 50). Works while kioskd is not running too: then it reads the store
            directly, read-only.
            """,
        "fleet.summary": "every kiosk at the provincial broker: online, network, backlog, gaps",
        "fleet.help": """
            usage: kioskctl fleet --broker URL [--site S] [--share GROUP] [--json]
                                  [--window DUR] [--ca FILE] [--cert FILE --key FILE]
                                  [--username U --password-file FILE]
                                  [--prefix kiosk/v1] [--refresh DUR] [--for DUR]

            Subscribes at the provincial broker (URL mqtt://HOST[:PORT] or
            mqtts://HOST[:PORT], TLS with --ca) and shows every kiosk: online or offline
            (the retained status and its Last Will), when it was last heard from, its
            connectivity state and cause (from its health records), its backlog (records
            it had stored when it came online that have not arrived yet), sessions and
            outages of today (the local day here), and per kiosk the records received,
            duplicates (at-least-once delivery; de-duplicated on device and seq) and
            missing seqs (a gap: in flight, or lost unless a records-dropped event
            announced it).

            The table refreshes every second until interrupted (--for DUR stops by
            itself). With --json: one snapshot after collecting for --window (default
            3s). --site watches one site; --share GROUP uses the MQTT 5 shared
            subscription $share/GROUP/…, so several consumers split the messages between
            them (each then sees only its share). Counts cover what arrived since the
            command started: the broker keeps no history.
            Exit status 69 when the broker cannot be reached or refuses the subscription.
            """,
        "health.summary": "connectivity samples: state, cause, loss and round-trip times",
        "health.help": """
            usage: kioskctl health [--since DUR] [--limit N] [--json]

            Lists the health samples kioskd recorded (one per [health] publish_interval),
            newest first: the state (online, degraded, portal, offline), the first failing
            layer, and per probe the loss and round-trip times. --since defaults to 24h.
            Works while kioskd is not running too, reading the store directly.
            """,
        "help.summary": "list the commands, or explain one",
        "help.help": """
            usage: kioskctl help [COMMAND]

            Without a command, lists every command. With one, prints its usage and what
            it does.
            """,
        "led.summary": "test or blink the LEDs (test, identify), print the LED card (card)",
        "led.help": """
            usage: kioskctl led test
                   kioskctl led identify [--seconds N]
                   kioskctl led card [--lang vi|en] > led-card.svg

            test       Lights each configured LED for one second, in the order of the
                       configuration file, then all dark for a second; then the LEDs go
                       back to what they show normally. Check that the LED named on
                       screen is the one lit.
            identify   Blinks every LED together (2 Hz) for N seconds (default 30, at
                       most 3600), so this kiosk can be found; --seconds 0 ends an
                       identify under way. The broker's cmd/identify does the same.
            card       Prints the technician's card, an A4 SVG image to print: what each
                       pattern of each LED means and what to look at, drawn from the
                       table kioskd itself follows.
            test and identify are allowed to root, kioskd's own user and members of
            the control socket's group. `kioskctl status` shows what each LED shows
            now, and any LED fault.
            """,
        "outages.summary": "the outage ledger: start, end, duration and cause of each outage",
        "outages.help": """
            usage: kioskctl outages [--since DUR] [--limit N] [--json]

            Lists the outages kioskd recorded, newest first, with start, end, duration,
            cause (the first failing layer) and the reboots they spanned. An outage still
            going on is shown first. --since defaults to 7d. Works while kioskd is not
            running too.
            """,
        "queue.summary": "records waiting for the broker, drops and damaged records",
        "queue.help": """
            usage: kioskctl queue [--json]

            Shows the local record store: how many records (and bytes) wait to be
            published, the age of the oldest, the last acknowledgement from the broker,
            records dropped by reason (the size cap, broker refusals) and damaged records
            set aside. Works while kioskd is not running too: then it reads the store
            directly, read-only, and says so.
            """,
        "reload.summary": "make kioskd read its configuration file again",
        "reload.help": """
            usage: kioskctl reload

            Asks kioskd to read its configuration file again. A file with errors is
            refused and kioskd keeps running with the configuration it had; the errors
            are printed.
            Allowed to root, kioskd's own user and members of the control socket's group.
            """,
        "report.summary": "one day: sessions per hour, their durations, online share, outages",
        "report.help": """
            usage: kioskctl report [--day YYYY-MM-DD] [--json]

            Sums up one local day ([device] timezone; default today, so far): how many
            sessions, their total, median and longest duration, a chart of sessions per
            hour, the share of the day the uplink worked, the outages, and the queue. The
            same figures as the daily `summary` record. Works while kioskd is not running
            too, reading the store directly.
            """,
        "session.summary": "for the kiosk UI: a visitor session starts, is active, or ends",
        "session.help": """
            usage: kioskctl session start [--label L]
                   kioskctl session activity
                   kioskctl session end

            start     a visitor begins; a session still going on ends first (reason
                      "user"). --label takes one of the categories in [sessions] labels,
                      nothing else.
            activity  the visitor is still there: call it every few seconds while they
                      use the kiosk. Cheap (no disk write). Starts a session when none is
                      going on.
            end       the visitor is done (reason "user").
            A session with no activity for [sessions] idle_timeout ends by itself ("idle").
            Nothing about the visitor is recorded: only times, durations and the label.
            Allowed to root, kioskd's own user and members of the control socket's group.
            """,
        "sessions.summary": "visitor sessions: start, duration, active time, how each ended",
        "sessions.help": """
            usage: kioskctl sessions [--since DUR] [--limit N] [--json]

            Lists the finished sessions, newest first: start, duration, active time
            (without the idle tail before a timeout), end reason (user, idle, shutdown,
            interrupted), label and source (ui or input). The session going on, if any,
            is shown first. --since defaults to 7d. Works while kioskd is not running too.
            """,
        "status.summary": "version, uptime, broker, network, session, LEDs, clock, queue",
        "status.help": """
            usage: kioskctl status [--json]

            Shows kioskd's version and uptime, the device id and site, the configuration
            in use, whether the clock is synced, and the connection to the broker:
            connected or not, since when, and the last connection error in words; whether
            the broker refuses kioskd's records (`refused`: its reason, since when, how
            often; the records stay queued and are offered again — MQTT 5 only: a 3.1.1
            broker acknowledges a denied message and drops it, unseen); the connectivity
            state and the first failing layer; the visitor session going on (since when,
            label, idle time); the queue; and what each LED shows (its pattern, and any
            fault such as a missing GPIO chip or a busy line).
            """,
        // MARK: bundle
        "bundle.summary": "one file for the province: status, checks, 7 days of history, log",
        "bundle.help": """
            usage: kioskctl bundle [--output PATH] [--json]

            Makes one .tar.gz file to carry out on a USB stick for the province's engineers:
            kioskd's status and a doctor check (when kioskd is running); 7 days of health
            samples, outages, sessions, daily summaries and events; the queue; the effective
            configuration; the last 2,000 lines of kioskd's log; the versions and the
            kernel; and a README.txt (Vietnamese and English) saying what each file is. No
            visitor data and no secrets: passwords and keys stay in their files, only their
            paths go in. Works while kioskd is not running too, reading the store directly.
            --output names the file, or a folder to put it in (a USB stick's); by default it
            is ./kiosk-bundle-DEVICE-TIME.tar.gz (TIME in UTC) in the current folder. Prints
            the file's path and size; with --json {"path":…,"bytes":…}.
            """,
        "bundle.noFolder": "cannot write {path}: the folder {folder} does not exist",
        "bundle.kioskdDown": """
            kioskctl: kioskd is not running: the bundle has no status and no doctor check;
            the history comes from the store.
            """,
        "bundle.incomplete": "kioskctl bundle: {file} is missing or incomplete: {reason}",
        "bundle.tarFailed": "tar could not make {path}: {reason}",
        "bundle.written": "Bundle written: {path} ({size})",
        "bundle.carry": "Copy this file to a USB stick and give it to the province's engineers.",
        "bundle.size.bytes": "{n} bytes",
        "bundle.size.kib": "{whole}.{tenth} KiB",
        "bundle.size.mib": "{whole}.{tenth} MiB",
        "bundle.readme": """
            kiosk-agent diagnostic bundle (English)
            =======================================

            Kiosk:  {device}
            Made:   {created} (UTC), by `kioskctl bundle`

            For the province's engineers. It holds no visitor data and no secrets: no
            passwords and no private keys (the configuration only names their files).

            bundle.json     what is in this bundle, and what is missing and why
            versions.json   the versions of kioskctl and kioskd, and the kernel (uname -a)
            status.json     kioskd's status (kioskctl status --json); only when kioskd
                            was running
            doctor.json     every connectivity layer checked when the bundle was made
                            (kioskctl doctor --json); only when kioskd was running
            health.json     connectivity samples of the last 7 days
            outages.json    outages of the last 7 days: start, end, duration, cause
            sessions.json   visitor sessions of the last 7 days: times and durations only
            summaries.json  one summary per day for the last 7 days (kioskctl report)
            events.json     events of the last 7 days: starts, stops, clock synced,
                            configuration reloaded, records dropped, faults
            queue.json      the record store: records waiting to be sent, dropped, damaged
            config.json     the configuration kioskd runs with (kioskctl config show)
            journal.txt     the last 2,000 lines of kioskd's log (journalctl -u kioskd);
                            only where the system has a systemd journal

            The JSON files are indented to be read as they are. Times are in UTC
            (RFC 3339); days are the kiosk's local days.
            """,

        // MARK: led
        "led.testing": "lighting each LED for {step}, in this order:",
        "led.testFault": "FAULT: {fault}",
        "led.testEnd": "then all dark for {step}; normal patterns after {total}",
        "led.identifying": "all {count} LED(s) blink together for {span}",
        "led.identifyEnded": "identify ended; the LEDs show their normal patterns",
        "led.needsSeconds": "--seconds needs a whole number from 0 to 3600",
        "led.needsSubcommand": "led needs a subcommand: test, identify or card",
        "led.unknownSubcommand": "unknown subcommand \"{name}\"",
        "led.cardNoJSON": "led card prints an SVG image; it has no --json form",

        // MARK: LED card
        "led.card.title": "kiosk-agent: what the status LEDs show",
        "led.card.intro": """
            Each LED has a role, set in its [led.NAME] section of the configuration: find the rows \
            of that role, then the one that looks like the LED. `kioskctl status` says the same in words.
            """,
        "led.card.lit": "lit",
        "led.card.dark": "dark",
        "led.card.strip": "each strip shows {seconds} s of the pattern, a tick every second",
        "led.card.column.led": "LED",
        "led.card.column.pattern": "Pattern",
        "led.card.column.means": "Means",
        "led.card.column.look": "Look at",
        "led.card.role.power": "kioskd alive",
        "led.card.role.network": "internet",
        "led.card.role.uplink": "provincial broker",
        "led.card.role.session": "visitor",
        "led.card.role.fault": "problems",
        "led.card.role.all": "all LEDs",
        "led.card.power.running.means": "kioskd runs normally",
        "led.card.power.running.look": "—",
        "led.card.power.stopped.means": "kioskd is not running: stopped, crashed, or the kiosk has no power",
        "led.card.power.stopped.look": "`systemctl status kioskd`; the power supply",
        "led.card.power.frozen.means": "lit but not beating: kioskd crashed or hangs (the heartbeat froze)",
        "led.card.power.frozen.look": "`systemctl status kioskd`",
        "led.card.network.unjudged.means": "not judged yet: the first seconds after kioskd starts",
        "led.card.network.unjudged.look": "—",
        "led.card.network.online.means": "online: the internet works",
        "led.card.network.online.look": "—",
        "led.card.network.degraded.means": "degraded: packets lost or slow replies",
        "led.card.network.degraded.look": "`kioskctl doctor`",
        "led.card.network.portal.means": "a captive portal is in the way: log the kiosk in to the Wi-Fi",
        "led.card.network.portal.look": "`kioskctl doctor`",
        "led.card.network.offline.means": "offline: no internet",
        "led.card.network.offline.look": "`kioskctl doctor`, `kioskctl outages`",
        "led.card.uplink.disconnected.means": "not connected to the provincial broker",
        "led.card.uplink.disconnected.look": "`kioskctl status`",
        "led.card.uplink.connected.means": "connected to the provincial broker",
        "led.card.uplink.connected.look": "—",
        "led.card.uplink.draining.means": "connected, and sending records that waited (a backlog)",
        "led.card.uplink.draining.look": "`kioskctl queue`",
        "led.card.session.idle.means": "no visitor session",
        "led.card.session.idle.look": "—",
        "led.card.session.active.means": "a visitor session is open",
        "led.card.session.active.look": "—",
        "led.card.fault.none.means": "no problem found",
        "led.card.fault.none.look": "—",
        "led.card.fault.problem.means": """
            a problem: storage fault, clock still not synced an hour after start, a refused \
            reload, the broker refusing records (ACL, quota), or an LED that cannot be driven
            """,
        "led.card.fault.problem.look": "`kioskctl status`, `kioskctl doctor`",
        "led.card.fault.stopped.means": "lit while every other LED is dark: kioskd was stopped on purpose (agent stopped)",
        "led.card.fault.stopped.look": "`systemctl start kioskd`",
        "led.card.all.identify.means": """
            blinking together: someone is finding this kiosk (`kioskctl led identify` or the \
            broker's `cmd/identify`)
            """,
        "led.card.all.identify.look": "—",
        "led.card.footer": """
            Made by `kioskctl led card` from the table kioskd itself follows (LEDLegend and LEDPolicy \
            in the source code). After an update, print it again rather than editing it.
            """,

        // MARK: Words of queue, health, sessions, session, report, events, config, reload, fleet
        "args.unknown": "unknown argument {argument}",
        "args.needsValue": "{option} needs a value",
        "args.positiveNumber": "{option} needs a positive number",
        "args.badDuration": """
            {option}: "{value}" is not a duration;
            write a number and a unit ms, s, m, h or d, such as 30m, 12h, 7d
            """,
        "records.unreadable": "cannot read the record store: {reason}",
        "queue.pending": "pending   {records} record(s), {bytes} bytes",
        "queue.oldest": "oldest    seq {seq} ({type}), {age} old",
        "queue.acked": "acked     up to seq {seq}",
        "queue.ackedAt": "acked     up to seq {seq} at {time}",
        "queue.stored": "stored    seq {last} newest, {durable} durable",
        "queue.disk": "disk      {segments} segment(s), {bytes} of {max} bytes",
        "queue.droppedNone": "dropped   none",
        "queue.dropped": "dropped   {count} {reason}",
        "queue.notALoss": " (history, not a loss)",
        "queue.droppedSeqs": ", seq {first}-{last}",
        "queue.damaged": "damaged   {records} record(s), {segments} segment header(s) set aside",
        "queue.reason.published-history": "published-history",
        "queue.reason.retention": "retention",
        "queue.reason.cap-periodic": "cap-periodic",
        "queue.reason.cap-oldest": "cap-oldest",
        "queue.reason.rejected": "rejected",
        "queue.reason.corrupt": "corrupt",
        "health.none": "no health samples yet",
        "health.state.online": "online",
        "health.state.degraded": "degraded",
        "health.state.portal": "portal",
        "health.state.offline": "offline",
        "health.cause": " ({layer})",
        "health.loss": "loss {percent}%",
        "health.p50": ", p50 {rtt}",
        "health.p95": ", p95 {rtt}",
        "events.none": "no events recorded",
        "events.unsynced": " (clock unsynced)",
        "sessions.none": "no sessions recorded",
        "sessions.goingOn": "(going on)",
        "sessions.active": "active {span}",
        "session.needsAction": "session needs start, activity or end",
        "session.unknownAction": "unknown session action {action}: use start, activity or end",
        "session.ended": "ended session {id}: {span} ({reason})",
        "session.active": "session {id} active {span}",
        "session.label": ", label {label}",
        "session.none": "no session was going on",
        "session.end.user": "user",
        "session.end.idle": "idle",
        "session.end.shutdown": "shutdown",
        "session.end.interrupted": "interrupted",
        "report.badDay": "--day needs a date as YYYY-MM-DD, not {day}",
        "report.configErrors": "configuration has errors: {errors}",
        "report.badZone": "[device] timezone: {reason}",
        "report.day": "day       {day} ({zone})",
        "report.soFar": ", so far",
        "report.sessions": "sessions  {count}",
        "report.durations": ", total {total}, median {median}, longest {longest}",
        "report.ended": "          ended: {reasons}",
        "report.labels": "          labels: {labels}",
        "report.network": "network   online {share}% of {rounds} probe rounds; {outages} outage(s)",
        "report.longestOutage": ", longest {span}",
        "report.notWatched": "network   not watched that day",
        "report.queue": "queue     {pending} waiting, {dropped} dropped that day, {lost} lost in all",
        "config.checkOnePath": "config check takes at most one path",
        "config.needsSubcommand": "config needs a subcommand: check or show",
        "config.unknownSubcommand": "unknown subcommand \"{name}\"",
        "config.valid": "{file}: configuration is valid",
        "config.noFile": "no configuration file at {path}: the built-in defaults apply",
        "config.refused": "{count} error(s): kioskd refuses to start or reload with this file",
        "config.wouldLoad": "kioskctl: kioskd is not running; this is the configuration it would load",
        "config.shown": "# effective configuration, from {file}",
        "config.builtIn": "the built-in defaults",
        "config.reason.not-a-duration": "\"{value}\" is not a duration; use ms, s, m, h or d",
        "config.reason.duration-needs-unit": "\"{value}\" needs a unit: ms, s, m, h or d",
        "config.reason.not-a-size": "\"{value}\" is not a size; use B, KiB, MiB or GiB",
        "config.reason.size-needs-unit": "\"{value}\" needs a unit: B, KiB, MiB or GiB",
        "config.reason.not-a-boolean": "\"{value}\" is not a boolean; use yes or no",
        "config.reason.not-a-port": "\"{value}\" is not a port (1-65535)",
        "config.reason.not-a-number": "\"{value}\" is not a whole number",
        "config.reason.not-a-choice": "\"{value}\" is not one of {options}",
        "config.reason.unknown-key-near": "unknown key; did you mean \"{near}\"?",
        "config.reason.unknown-key-elsewhere": "unknown key; it belongs in {sections}",
        "config.reason.unknown-key": "unknown key; known keys: {keys}",
        "reload.done": "kioskd reloaded {file}",
        "fleet.cannotStart": "cannot start the subscriber: {reason}",
        "fleet.cannotSubscribe": "cannot subscribe at {broker}: {reason}",
        "fleet.noAnswer": "no answer within 10 s",
        "fleet.needsBroker": "--broker URL is required, such as mqtt://10.0.0.5:1883",
        "fleet.notABrokerURL": "--broker {url}: not a broker URL;\nuse mqtt://HOST[:PORT] or mqtts://HOST[:PORT]",
        "fleet.badShare": "--share {group}: a group name has no /, + or #",
        "fleet.badSite": "--site {site}: a site code has no /, + or #",
        "fleet.certNeedsKey": "--cert and --key go together",
        "fleet.subscribed": "subscribed",
        "fleet.connecting": "connecting",
        "fleet.disconnected": "DISCONNECTED ({reason}); retrying",
        "fleet.stopped": "stopped",
        "fleet.header": "fleet  {broker}  {filters}  {connection}",
        "fleet.totals": "{kiosks} kiosks: {online} online, {offline} offline;  today {day}, watching {span}",
        "fleet.records": "{records} records, {duplicates} duplicates, {missing} missing",
        "fleet.column.device": "DEVICE",
        "fleet.column.site": "SITE",
        "fleet.column.status": "STATUS",
        "fleet.column.lastSeen": "LAST SEEN",
        "fleet.column.network": "NETWORK",
        "fleet.column.backlog": "BACKLOG",
        "fleet.column.sessions": "SESSIONS",
        "fleet.column.outages": "OUTAGES",
        "fleet.column.records": "RECORDS",
        "fleet.column.duplicates": "DUP",
        "fleet.column.missing": "MISSING",
        "fleet.presence.online": "online",
        "fleet.presence.offline": "offline",
        "fleet.ago": "{span} ago",
        "fleet.noKiosk": "(no kiosk heard from yet)",
        "fleet.gap": "gap: {device} misses {count} record(s): seq {seqs}",

        // MARK: kioskd's refusals, by the reason it gives (`ControlError.reason`)
        "refusal.forbidden": "\"{command}\" changes state: allowed to root, kioskd's user and the socket's group only",
        "refusal.no-leds": "no LEDs are configured; add [led.NAME] sections to the configuration (see config/kioskd.conf)",
        "refusal.labels-off": "labels are not enabled: list the categories in [sessions] labels",
        "refusal.label-unknown": "label \"{label}\" is not one of {labels} ([sessions] labels)",
        "refusal.store-closed": "the record store is not open",
    ]
}
