/// A problem with what the runner was asked to do (a missing configuration file, an unknown pack), as a message
/// for the person who asked.
public struct ValidationErrorMessage: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
