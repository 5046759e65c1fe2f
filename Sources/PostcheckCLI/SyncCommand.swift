import ArgumentParser
import Foundation
import PostcheckRunner

/// `postcheck sync`: fetches the configuration's shared guideline packs and writes `postcheck.lock`.
struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch the guideline packs the configuration lists (packages: / Packages =) and write postcheck.lock."
    )

    @Option(help: "Configuration file (.postcheck.yml or .vale.ini); default: the one in the working folder.")
    var config: String?

    func run() throws {
        let folder = FileManager.default.currentDirectoryPath
        let path =
            config.map { $0.hasPrefix("/") ? $0 : (folder as NSString).appendingPathComponent($0) }
            ?? [".postcheck.yml", ".vale.ini"].map { (folder as NSString).appendingPathComponent($0) }.first {
                FileManager.default.fileExists(atPath: $0)
            }
        guard let path else { fail("no .postcheck.yml or .vale.ini here (give one with --config)") }
        do {
            let (packages, packsFolder) = try PackageSync.packages(configuration: path)
            guard !packages.isEmpty else { fail("\(path) lists no packages") }
            let base = (path as NSString).deletingLastPathComponent
            let locked = try PackageSync.sync(packages, packsFolder: packsFolder, base: base)
            let lock = (base as NSString).appendingPathComponent("postcheck.lock")
            if let error = AtomicFile.replace(lock, with: Array(PackageSync.lockFile(locked).utf8)) {
                fail("cannot write \(lock): \(error)")
            }
            for entry in locked {
                print(
                    "\(entry.source): \(entry.packs.joined(separator: ", ")) (\(entry.commit ?? entry.sha256.prefix(12).description))"
                )
            }
            print("\(locked.count) package\(locked.count == 1 ? "" : "s") synced into \(packsFolder); \(lock) written")
        } catch {
            fail("\(error)")
        }
    }
}
