import ArgumentParser

@main
struct Postcheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postcheck",
        abstract: "Check social-media drafts against your company's posting guidelines.",
        version: "0.1.0",
        subcommands: [Check.self],
        defaultSubcommand: Check.self
    )
}
