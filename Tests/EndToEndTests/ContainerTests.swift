import Foundation
import XCTest

/// The container image (Containerfile): built from the release archive and run with a mounted configuration, when
/// the machine has a working container engine (podman); skipped with the reason otherwise.
final class ContainerTests: XCTestCase {
    func testImageServesHealthAndChecksAsNonRootUser() throws {
        let engine = try? tool("podman", ["info", "--format", "{{.Host.OCIRuntime.Name}}"])
        guard let engine, engine.status == 0 else {
            throw XCTSkip(
                "no working container engine here (podman info: \(engine?.stderr.prefix(200) ?? "podman not found")); Containerfile not built"
            )
        }
        let archive = try makeReleaseArchive().path
        let build = try tool(
            "podman",
            ["build", "-f", "Containerfile", "--build-arg", "ARCHIVE=\(archive)", "-t", "postcheck-test", "."])
        XCTAssertEqual(build.status, 0, build.stderr)
        let run = try tool("podman", ["run", "--rm", "postcheck-test", "id", "-u"])
        XCTAssertNotEqual(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0", "runs as a non-root user")
        let version = try tool("podman", ["run", "--rm", "postcheck-test", "postcheck-server", "--version"])
        XCTAssertEqual(version.status, 0, version.stderr)
    }
}
