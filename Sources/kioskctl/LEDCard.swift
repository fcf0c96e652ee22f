import KioskCore

/// `kioskctl led card`: the technician's LED table as an A4 page in SVG, to print and stick
/// inside the kiosk door.
///
/// The rows and their patterns are `LEDLegend`'s, which asks `LEDPolicy`; each pattern is drawn
/// as a strip from `LEDLevel`, the timing the LED thread follows, so a heartbeat and a fast blink
/// look as different on paper as on the kiosk. Only the words come from the catalogues
/// (`led.card.*`). The SVG needs nothing outside itself (fonts installed on the printing machine,
/// DejaVu first: it has every Vietnamese letter), and the same table and words give the same
/// bytes, so `config/led-card.*.svg` can be checked against the code (`scripts/make-led-card`).
struct LEDCard {
    let words: Words

    /// How much of each pattern a strip draws: two heartbeats, one and a half slow blinks.
    static let stripMs: Int64 = 3000

    func svg() -> String {
        var page = SVGPage()
        var y = Layout.margin + Layout.title
        page.text(words("led.card.title"), x: Layout.margin, y: y, size: Layout.title, bold: true)
        y += 3
        for line in Self.wrap(words("led.card.intro"), width: Layout.contentWidth, size: Layout.body) {
            y += Layout.line
            page.text(line, x: Layout.margin, y: y, size: Layout.body)
        }
        y += Layout.line + 1
        stripKey(&page, y: y)
        y += 3
        y = header(&page, top: y)
        var shaded = false
        for group in groups {
            let top = y
            let heights = group.map(rowHeight)
            if shaded {
                page.rect(x: Layout.margin, y: top, width: Layout.contentWidth, height: heights.reduce(0, +), fill: "#efefef")
            }
            shaded.toggle()
            roleCell(&page, group[0].role, top: top)
            for (row, height) in zip(group, heights) {
                if y > top { page.line(fromX: Layout.columns.pattern, toX: Layout.columns.end, y: y, width: 0.15, colour: "#9a9a9a") }
                self.row(&page, row, top: y)
                y += height
            }
            page.line(fromX: Layout.margin, toX: Layout.columns.end, y: y, width: 0.4, colour: "#333333")
        }
        let footer = Self.wrap(words("led.card.footer"), width: Layout.contentWidth, size: Layout.small)
        for (index, line) in footer.enumerated() {
            let fromBottom = Double(footer.count - 1 - index) * (Layout.small + 1)
            page.text(line, x: Layout.margin, y: Layout.height - Layout.margin - fromBottom, size: Layout.small, colour: "#555555")
        }
        return page.document(title: words("led.card.title"), language: words.language.rawValue)
    }

    /// The rows of one LED together (`LEDLegend` lists them so), every LED at once last.
    private var groups: [[LEDLegend.Row]] {
        var groups: [[LEDLegend.Row]] = []
        for row in LEDLegend.rows {
            if let last = groups.last?.last, last.role == row.role { groups[groups.count - 1].append(row) } else { groups.append([row]) }
        }
        return groups
    }

    /// What a strip's black and grey mean, and how long it lasts.
    private func stripKey(_ page: inout SVGPage, y: Double) {
        var x = Layout.margin
        for (lit, key) in [(true, "led.card.lit"), (false, "led.card.dark")] {
            page.rect(x: x, y: y - Layout.strip.height + 0.4, width: 5, height: Layout.strip.height, fill: lit ? Layout.lit : Layout.dark)
            x += 6.5
            let label = words(key)
            page.text(label, x: x, y: y, size: Layout.body)
            x += Self.width(of: label, size: Layout.body) + 5
        }
        page.text(words("led.card.strip", ["seconds": "\(Self.stripMs / 1000)"]), x: x, y: y, size: Layout.body)
    }

    /// The column titles; returns where the first row starts.
    private func header(_ page: inout SVGPage, top: Double) -> Double {
        let bottom = top + Layout.line + 2
        page.rect(x: Layout.margin, y: top, width: Layout.contentWidth, height: bottom - top, fill: "#333333")
        let titles = [
            (Layout.margin, "led.card.column.led"), (Layout.columns.pattern, "led.card.column.pattern"),
            (Layout.columns.means, "led.card.column.means"), (Layout.columns.look, "led.card.column.look"),
        ]
        for (x, key) in titles {
            page.text(words(key), x: x + Layout.pad, y: bottom - 2, size: Layout.body, bold: true, colour: "#ffffff")
        }
        return bottom
    }

    /// The LED's role as the configuration names it (`[led.NAME] role`), and what it is about.
    private func roleCell(_ page: inout SVGPage, _ role: LEDRole?, top: Double) {
        let x = Layout.margin + Layout.pad
        var y = top + Layout.pad + Layout.body
        page.text(role.map(\.rawValue) ?? words("led.card.role.all"), x: x, y: y, size: Layout.body, bold: true)
        guard let role else { return }
        for line in Self.wrap(words("led.card.role.\(role)"), width: Layout.columns.pattern - Layout.margin - 2 * Layout.pad, size: Layout.small) {
            y += Layout.small + 1
            page.text(line, x: x, y: y, size: Layout.small, colour: "#444444")
        }
    }

    private func row(_ page: inout SVGPage, _ row: LEDLegend.Row, top: Double) {
        let baseline = top + Layout.pad + Layout.body
        let patternX = Layout.columns.pattern + Layout.pad
        page.text(words("pattern." + row.pattern.name), x: patternX, y: baseline, size: Layout.body, code: true)
        strip(&page, row.pattern, x: patternX, y: baseline + 1.6)
        for (column, width, key) in textColumns(row) {
            for (index, line) in Self.wrap(words(key), width: width, size: Layout.body).enumerated() {
                page.text(line, x: column + Layout.pad, y: baseline + Double(index) * Layout.line, size: Layout.body)
            }
        }
    }

    /// The means and look-at cells: where each starts, how wide its text may run, its key.
    private func textColumns(_ row: LEDLegend.Row) -> [(Double, Double, String)] {
        [
            (Layout.columns.means, Layout.columns.look - Layout.columns.means - 2 * Layout.pad, "led.card.\(row.id).means"),
            (Layout.columns.look, Layout.columns.end - Layout.columns.look - 2 * Layout.pad, "led.card.\(row.id).look"),
        ]
    }

    /// Tall enough for the pattern's name and strip, and for the longest of its texts.
    private func rowHeight(_ row: LEDLegend.Row) -> Double {
        let lines = textColumns(row).map { Self.wrap(words($0.2), width: $0.1, size: Layout.body).count }.max() ?? 1
        let text = Double(lines - 1) * Layout.line + Layout.body
        let pattern = Layout.body + 1.6 + Layout.strip.height + 1.2
        return max(text, pattern) + 2 * Layout.pad
    }

    /// `stripMs` of the pattern from its start, lit phases black on grey, a tick every second;
    /// the levels are `LEDLevel`'s, walked from edge to edge.
    private func strip(_ page: inout SVGPage, _ pattern: LEDPattern, x: Double, y: Double) {
        let scale = Layout.strip.width / Double(Self.stripMs)
        page.rect(x: x, y: y, width: Layout.strip.width, height: Layout.strip.height, fill: Layout.dark)
        var now: Int64 = 0
        while now < Self.stripMs {
            let level = LEDLevel(pattern, startMs: 0, nowMs: now)
            let end = min(level.nextEdgeMs ?? Self.stripMs, Self.stripMs)
            if level.lit {
                page.rect(x: x + Double(now) * scale, y: y, width: Double(end - now) * scale, height: Layout.strip.height, fill: Layout.lit)
            }
            now = end
        }
        for second in stride(from: Int64(0), through: Self.stripMs, by: 1000) {
            let tickX = x + Double(second) * scale
            page.segment(x1: tickX, y1: y + Layout.strip.height, x2: tickX, y2: y + Layout.strip.height + 1, width: 0.2, colour: "#333333")
        }
    }

    // MARK: Text

    /// Catalogue text cut into lines no wider than `width` (mm), at spaces. A word is never cut.
    static func wrap(_ text: String, width limit: Double, size: Double) -> [[SVGPage.Run]] {
        let space = width(of: " ", size: size)
        var lines: [[SVGPage.Run]] = []
        var line: [SVGPage.Run] = [], lineWidth = 0.0
        for word in tokens(text) {
            let wordWidth = word.reduce(0) { $0 + width(of: $1.text, size: size, code: $1.code) }
            if !line.isEmpty && lineWidth + space + wordWidth > limit {
                lines.append(line)
                line = []
            }
            if line.isEmpty {
                lineWidth = wordWidth
            } else {
                // Inside a command the space is the command's; between words, a plain one
                // (a viewer may drop a space that ends a monospace span).
                SVGPage.append(SVGPage.Run(text: " ", code: line[line.count - 1].code && word[0].code), to: &line)
                lineWidth += space + wordWidth
            }
            for run in word { SVGPage.append(run, to: &line) }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The text's words, split at spaces; each word in runs, `` `code` `` set apart.
    private static func tokens(_ text: String) -> [[SVGPage.Run]] {
        var words: [[SVGPage.Run]] = [], word: [SVGPage.Run] = []
        var code = false, piece = ""
        func endPiece() {
            if !piece.isEmpty { word.append(SVGPage.Run(text: piece, code: code)) }
            piece = ""
        }
        for character in text {
            switch character {
            case "`":
                endPiece()
                code.toggle()
            case " ", "\n":
                endPiece()
                if !word.isEmpty { words.append(word) }
                word = []
            default:
                piece.append(character)
            }
        }
        endPiece()
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// About how wide DejaVu Sans (or Sans Mono for code) sets the text, in mm: an average
    /// advance per letter, a little generous so a line never runs into the next column.
    static func width(of text: String, size: Double, code: Bool = false) -> Double {
        Double(text.count) * size * (code ? 0.602 : 0.56)
    }
}

/// Sizes and places on the page, in millimetres (the SVG's user unit).
private enum Layout {
    static let width = 210.0, height = 297.0, margin = 12.0
    static var contentWidth: Double { width - 2 * margin }
    /// Font sizes: 3.3 mm is about 9.5 pt.
    static let title = 6.0, body = 3.3, small = 2.7
    /// From one line's baseline to the next.
    static let line = 4.2
    static let pad = 1.2
    static let columns = (pattern: 36.0, means: 76.0, look: 148.0, end: 198.0)
    static let strip = (width: 36.0, height: 3.2)
    static let lit = "#111111", dark = "#d0d0d0"
}

/// An SVG document being drawn: shapes and lines of text, then the whole page.
struct SVGPage {
    /// A stretch of text in one font: words, or a command in monospace.
    struct Run: Equatable {
        var text: String
        var code: Bool
    }

    private var body: [String] = []

    static let sans = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
    static let mono = "DejaVu Sans Mono, Liberation Mono, Courier New, monospace"

    /// Adds `run` to the line, joined to the last run when both are in the same font.
    static func append(_ run: Run, to line: inout [Run]) {
        if let last = line.last, last.code == run.code {
            line[line.count - 1].text += run.text
        } else {
            line.append(run)
        }
    }

    mutating func text(_ plain: String, x: Double, y: Double, size: Double, bold: Bool = false, code: Bool = false, colour: String? = nil) {
        text([Run(text: plain, code: code)], x: x, y: y, size: size, bold: bold, colour: colour)
    }

    mutating func text(_ runs: [Run], x: Double, y: Double, size: Double, bold: Bool = false, colour: String? = nil) {
        var element = "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\""
        if bold { element += " font-weight=\"bold\"" }
        if let colour { element += " fill=\"\(colour)\"" }
        element += ">"
        for run in runs {
            element += run.code ? "<tspan font-family=\"\(Self.mono)\">\(Self.escape(run.text))</tspan>" : Self.escape(run.text)
        }
        body.append(element + "</text>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String) {
        body.append(
            "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"\(fill)\"/>")
    }

    mutating func line(fromX x1: Double, toX x2: Double, y: Double, width: Double, colour: String) {
        segment(x1: x1, y1: y, x2: x2, y2: y, width: width, colour: colour)
    }

    mutating func segment(x1: Double, y1: Double, x2: Double, y2: Double, width: Double, colour: String) {
        body.append(
            "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(colour)\" stroke-width=\"\(Self.number(width))\"/>")
    }

    /// The page: A4, millimetres as the user unit, a white background for viewers that show
    /// transparency as a pattern.
    func document(title: String, language: String) -> String {
        let width = Self.number(Layout.width), height = Self.number(Layout.height)
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)mm" height="\(height)mm" viewBox="0 0 \(width) \(height)" \
        xml:lang="\(language)" font-family="\(Self.sans)">
        <title>\(Self.escape(title))</title>
        <rect x="0" y="0" width="\(width)" height="\(height)" fill="#ffffff"/>
        \(body.joined(separator: "\n"))
        </svg>

        """
    }

    /// Two decimals at most, no trailing zeros: the same figures give the same bytes.
    static func number(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let whole = abs(hundredths) / 100, fraction = abs(hundredths) % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        let digits = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        return "\(sign)\(whole).\(digits.hasSuffix("0") ? String(digits.dropLast()) : digits)"
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
