import Foundation
import XCTest

/// The package's top folder.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The `postcheck` binary SwiftPM built next to this test bundle.
let postcheckBinary: URL = {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [folder, Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL] {
        let binary = candidate.appendingPathComponent("postcheck")
        if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
    }
    return packageRoot.appendingPathComponent(".build/debug/postcheck")
}()

struct ProcessOutput {
    let stdout: String
    let stderr: String
    let status: Int32
}

/// Runs `postcheck` with arguments in a folder, optionally feeding standard input.
func postcheck(
    _ arguments: [String], in folder: URL = packageRoot, stdin: Data? = nil,
    environment: [String: String] = [:]
) throws -> ProcessOutput {
    try runProcess(postcheckBinary, arguments, in: folder, stdin: stdin, environment: environment)
}

/// Runs a program found on PATH (`/usr/bin/env NAME …`).
func tool(
    _ name: String, _ arguments: [String], in folder: URL = packageRoot, stdin: Data? = nil,
    environment: [String: String] = [:]
) throws -> ProcessOutput {
    try runProcess(
        URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, in: folder, stdin: stdin, environment: environment)
}

/// Whether a program is on PATH; tests that need one fail with how to install it.
func requireTool(_ name: String, install: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
    let found = (try? tool("sh", ["-c", "command -v \(name)"]))?.status == 0
    if !found { XCTFail("\(name) is needed for this test: \(install)", file: file, line: line) }
    return found
}

/// The shared reference folder next to the repository (schemas, Vale packages).
let sharedFolder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

func runProcess(
    _ executable: URL, _ arguments: [String], in folder: URL, stdin: Data?, environment: [String: String]
)
    throws -> ProcessOutput
{
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env.merge(environment) { $1 }
    process.environment = env
    // Standard input and error go through files, so that neither side can block on a full pipe.
    let scratch = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let inputFile = scratch.appendingPathComponent("stdin")
    let errorFile = scratch.appendingPathComponent("stderr")
    try (stdin ?? Data()).write(to: inputFile)
    FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = try FileHandle(forWritingTo: errorFile)
    process.standardInput = try FileHandle(forReadingFrom: inputFile)
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errData = try Data(contentsOf: errorFile)
    return ProcessOutput(
        stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
        status: process.terminationStatus)
}

/// A fresh folder under the system's temporary folder; the caller removes it.
func makeTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("postcheck-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

extension XCTestCase {
    /// A fresh folder, removed with everything in it when the test ends.
    func temporaryFolder() throws -> URL {
        let url = try makeTemporaryFolder()
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

func writeFile(_ data: Data, _ url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
}

/// A release archive made by `scripts/release.sh` from the debug builds the tests already have (no second release
/// build, and no `swift build` inside `swift test`); its path.
func makeReleaseArchive(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
    let release = try runProcess(
        URL(fileURLWithPath: "/bin/bash"), [packageRoot.appendingPathComponent("scripts/release.sh").path],
        in: packageRoot, stdin: nil,
        environment: ["POSTCHECK_RELEASE_CONFIGURATION": "debug", "POSTCHECK_RELEASE_PREBUILT": "1"])
    XCTAssertEqual(release.status, 0, release.stderr, file: file, line: line)
    let path = try XCTUnwrap(release.stdout.split(separator: "\n").last.map(String.init), file: file, line: line)
    return packageRoot.appendingPathComponent(path)
}
