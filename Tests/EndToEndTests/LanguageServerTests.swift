import Foundation
import XCTest

/// `postcheck lsp` with real clients: pytest-lsp (the capabilities of VS Code and Neovim; Tests/LanguageServer)
/// and headless Neovim's built-in client.
final class LanguageServerTests: XCTestCase {
    func testPytestLSPClients() throws {
        guard requireTool("python3", install: "apt-get install python3") else { return }
        let available = try tool("python3", ["-c", "import pytest_lsp, pytest_asyncio"])
        guard available.status == 0 else {
            return XCTFail("pytest-lsp is needed for this test: pip install pytest-lsp pytest-asyncio")
        }
        let result = try tool(
            "python3", ["-m", "pytest", "Tests/LanguageServer", "-q", "-p", "no:cacheprovider"], in: packageRoot,
            environment: ["POSTCHECK": postcheckBinary.path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("9 passed"), result.stdout)
    }

    func testNeovimShowsDiagnosticsAndAppliesTheQuickFix() throws {
        guard requireTool("nvim", install: "apt-get install neovim") else { return }
        let folder = try temporaryFolder()
        try Data("packs: [postcheck]\n".utf8).write(to: folder.appendingPathComponent(".postcheck.yml"))
        let draft = folder.appendingPathComponent("post.md")
        try Data("Café 👩🏽‍💻 team: we shipped it!!! TODO: add link\n".utf8).write(to: draft)
        let output = folder.appendingPathComponent("result.txt")
        let script = packageRoot.appendingPathComponent("Tests/EndToEndTests/nvim-lsp.lua")
        let result = try tool(
            "nvim", ["--headless", "--clean", "-c", "luafile \(script.path)"], in: folder,
            environment: ["POSTCHECK": postcheckBinary.path, "DRAFT": draft.path, "RESULT": output.path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let lines = try String(contentsOf: output, encoding: .utf8)
        // Neovim's columns are bytes: "Café " is 6, the emoji 15, " team: we shipped it" 20.
        XCTAssertEqual(lines, "0:41 postcheck.Exclamation\n0:45 postcheck.Placeholder\n")
        XCTAssertEqual(
            try String(contentsOf: draft, encoding: .utf8), "Café 👩🏽‍💻 team: we shipped it! TODO: add link\n",
            "the quick fix, applied by Neovim and written")
    }
}
