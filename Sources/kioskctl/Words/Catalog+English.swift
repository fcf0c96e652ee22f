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
        "led.summary": "light each LED in turn (test), or blink them all (identify)",
        "led.help": """
            usage: kioskctl led test
                   kioskctl led identify [--seconds N]

            test       Lights each configured LED for one second, in the order of the
                       configuration file, then all dark for a second; then the LEDs go
                       back to what they show normally. Check that the LED named on
                       screen is the one lit.
            identify   Blinks every LED together (2 Hz) for N seconds (default 30, at
                       most 3600), so this kiosk can be found; --seconds 0 ends an
                       identify under way. The broker's cmd/identify does the same.
            Allowed to root, kioskd's own user and members of the control socket's group.
            `kioskctl status` shows what each LED shows now, and any LED fault.
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

        // MARK: Words of queue, health, sessions, session, report, events, config, reload, fleet
        "args.unknown": "unknown argument {argument}",
        "args.needsValue": "{option} needs a value",
        "args.positiveNumber": "{option} needs a positive number",
        "args.badDuration": "{option}: {reason}",
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
    ]
}
