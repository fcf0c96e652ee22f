import KioskCore

/// Which days have had their `summary`, kept in `summary.json` so a restart neither repeats
/// nor skips one. A kiosk that was off at midnight sums up the missed days when it is back
/// (at most `catchUpDays`); a first start sums up from today on.
struct SummarySchedule {
    static let catchUpDays: Int64 = 7
    private struct Progress: Codable { var lastDay: LocalDay }
    private let file: StateFile<Progress>
    private var lastDay: LocalDay?
    private(set) var problem: String?

    init(directory: String) {
        file = StateFile(directory: directory, name: "summary.json")
        let loaded = file.load()
        lastDay = loaded.value?.lastDay
        problem = loaded.problem
    }

    /// The finished days still to sum up, oldest first.
    mutating func daysDue(today: LocalDay) -> [LocalDay] {
        guard let last = lastDay else {
            done(today.previous)
            return []
        }
        let first = max(last.next, LocalDay(daysSinceEpoch: today.daysSinceEpoch - Self.catchUpDays))
        guard first < today else { return [] }
        return (first.daysSinceEpoch..<today.daysSinceEpoch).map(LocalDay.init(daysSinceEpoch:))
    }

    /// Remembers `day` as done; a failed write is kept in `problem` (the day may then be
    /// summed up again after a restart: a duplicate, with its own seq, is better than a gap).
    mutating func done(_ day: LocalDay) {
        lastDay = day
        do throws(StoreError) {
            try file.write(Progress(lastDay: day))
            problem = nil
        } catch {
            problem = "cannot write \(file.path): \(error)"
        }
    }
}
