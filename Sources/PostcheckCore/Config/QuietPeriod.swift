import Foundation

/// A calendar day (no time zone games: the configuration speaks in days).
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-").map { Int($0) }
        guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2],
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Today in the local time zone (the Gregorian day, from the C library: Foundation's calendar loads its data
    /// on first use, a millisecond of every start).
    public static var today: CalendarDay {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return CalendarDay(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }
}

/// A period (e.g. the weeks before earnings) during which some rules are on, or stricter. A rule named in a period
/// is off outside all of its periods.
public struct QuietPeriod: Sendable {
    public let name: String
    public let from: CalendarDay
    public let to: CalendarDay
    public let rules: [String: RuleSetting]

    public func contains(_ day: CalendarDay) -> Bool { from <= day && day <= to }
}
