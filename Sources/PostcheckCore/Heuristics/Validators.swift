/// Checks on matched text, so that confidential-data rules flag real account, card and identity numbers and not
/// invoice numbers: `validate: iban | luhn | be-national-number | nl-bsn | email | phone`.
enum MatchValidator: String, Sendable, CaseIterable {
    case iban
    case luhn
    case beNationalNumber = "be-national-number"
    case nlBSN = "nl-bsn"
    case email
    case phone

    /// How much a valid match says: a checksum (IBAN, Luhn, national numbers) pins the kind of number down; a
    /// structure check (phone, e-mail) only says it could be one. Where both match the same span, the more specific
    /// finding is reported alone (an IBAN is not also a phone number).
    var specificity: Int {
        switch self {
        case .iban, .luhn, .beNationalNumber, .nlBSN: 2
        case .email, .phone: 1
        }
    }

    func isValid(_ text: String) -> Bool {
        switch self {
        case .iban: Self.validIBAN(text)
        case .luhn: Self.validLuhn(text)
        case .beNationalNumber: Self.validBelgianNationalNumber(text)
        case .nlBSN: Self.validBSN(text)
        case .email: Self.validEmail(text)
        case .phone: Self.validPhone(text)
        }
    }

    static func digits(_ text: String) -> [Int] { text.compactMap(\.wholeNumberValue).filter { $0 < 10 } }

    /// ISO 13616: country code, two check digits, up to 30 alphanumerics; the number with its first four characters
    /// moved to the end and letters as 10–35 is 1 modulo 97. Known countries must have their own length.
    static func validIBAN(_ text: String) -> Bool {
        let compact = text.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard compact.count >= 15, compact.count <= 34,
            compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return false }
        let country = String(compact.prefix(2))
        guard country.allSatisfy(\.isLetter), compact.dropFirst(2).prefix(2).allSatisfy(\.isNumber) else {
            return false
        }
        let lengths = [
            "BE": 16, "NL": 18, "FR": 27, "DE": 22, "LU": 20, "GB": 22, "ES": 24, "IT": 27, "CH": 21, "AT": 20,
            "IE": 22, "PT": 25,
        ]
        if let expected = lengths[country], expected != compact.count { return false }
        var remainder = 0
        for character in compact.dropFirst(4) + compact.prefix(4) {
            let value = character.isNumber ? character.wholeNumberValue! : Int(character.asciiValue! - 55)
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97
        }
        return remainder == 1
    }

    /// Payment card numbers: 13 to 19 digits (spaces and dashes allowed) with a valid Luhn check digit.
    static func validLuhn(_ text: String) -> Bool {
        guard text.allSatisfy({ $0.isNumber || $0 == " " || $0 == "-" }) else { return false }
        let numbers = digits(text)
        guard numbers.count >= 13, numbers.count <= 19, Set(numbers).count > 1 else { return false }
        var sum = 0
        for (index, digit) in numbers.reversed().enumerated() {
            if index % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    /// Belgian national register number YY.MM.DD-XXX.CC: CC = 97 − (first nine digits mod 97), with 2 prepended
    /// for people born from 2000; month 0–12 (0 for unknown dates, +20/+40 for bis numbers), day 0–31.
    static func validBelgianNationalNumber(_ text: String) -> Bool {
        let numbers = digits(text)
        guard numbers.count == 11 else { return false }
        let base = numbers.prefix(9).reduce(0) { $0 * 10 + $1 }
        let check = numbers[9] * 10 + numbers[10]
        let month = (numbers[2] * 10 + numbers[3]) % 20
        let day = numbers[4] * 10 + numbers[5]
        guard month <= 12, day <= 31 else { return false }
        return check == 97 - base % 97 || check == 97 - (2_000_000_000 + base) % 97
    }

    /// Dutch citizen service number: nine digits passing the eleven test (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11).
    static func validBSN(_ text: String) -> Bool {
        var numbers = digits(text)
        if numbers.count == 8 { numbers.insert(0, at: 0) }
        guard numbers.count == 9, numbers.contains(where: { $0 != 0 }) else { return false }
        var sum = 0
        for (index, digit) in numbers.enumerated() { sum += index < 8 ? digit * (9 - index) : -digit }
        return sum % 11 == 0
    }

    /// local@domain.tld with a dotted domain, labels of letters, digits and hyphens, and a top-level domain of
    /// at least two letters.
    static func validEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, !parts[0].hasPrefix("."),
            !parts[0].hasSuffix(".")
        else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }

    /// A phone number: `+` and a country code, or a national number starting with 0, 9 to 15 digits in all, with
    /// spaces, dots, dashes, slashes or parentheses between groups; not one repeated digit.
    static func validPhone(_ text: String) -> Bool {
        guard text.allSatisfy({ $0.isNumber || " .-/()+".contains($0) }) else { return false }
        let numbers = digits(text)
        guard numbers.count >= 9, numbers.count <= 15, Set(numbers).count > 2 else { return false }
        let trimmed = text.drop { $0 == "(" || $0 == " " }
        if trimmed.hasPrefix("+") { return numbers.first != 0 }
        if trimmed.hasPrefix("00") { return true }
        return numbers.first == 0
    }
}
