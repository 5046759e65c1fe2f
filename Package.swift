// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "postcheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "postcheck", targets: ["PostcheckCLI"]),
        .executable(name: "postcheck-server", targets: ["PostcheckServer"]),
        .library(name: "PostcheckCore", targets: ["PostcheckCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // The service's own HTTP/1 channel (keep-alive semantics of HTTP/1.0, request timeouts) sits on NIO directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // PCRE2 (8-bit code units) from the system: Debian's libpcre2-dev.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        // The engine: rule loading, documents, matching, scoring, reporting. No process policy.
        .target(
            name: "PostcheckCore",
            dependencies: ["CPCRE2", "Yams"],
            exclude: ["Language/NOTICE"]
        ),
        // Running checks for every front end (CLI, service, language server, report): walking paths, finding and
        // caching configurations, the parallel check of many drafts, the fix loop, reading and writing files.
        .target(name: "PostcheckRunner", dependencies: ["PostcheckCore"]),
        // `postcheck lsp`: the Language Server Protocol over standard input and output.
        .target(name: "PostcheckLanguageServer", dependencies: ["PostcheckCore", "PostcheckRunner"]),
        // The thin `postcheck` executable: arguments, file walking, output, exit codes. The bundled packs in
        // Rules/ are built into it by the EmbedRules plugin.
        .executableTarget(
            name: "PostcheckCLI",
            dependencies: [
                "PostcheckCore",
                "PostcheckRunner",
                "PostcheckLanguageServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["EmbedRules"]
        ),
        .executableTarget(name: "RulesEmbedder"),
        // The pre-publish HTTP service (`postcheck serve` runs it): in its own targets so that the CLI stays light.
        .target(
            name: "PostcheckService",
            dependencies: [
                "PostcheckCore",
                "PostcheckRunner",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "PostcheckServer",
            dependencies: [
                "PostcheckService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["EmbedRules"]
        ),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["RulesEmbedder"]),
        .testTarget(name: "PostcheckRunnerTests", dependencies: ["PostcheckRunner", "PostcheckCore"]),
        .testTarget(name: "PostcheckLanguageServerTests", dependencies: ["PostcheckLanguageServer", "PostcheckCore"]),
        .testTarget(
            name: "PostcheckCoreTests",
            dependencies: ["PostcheckCore", "PostcheckFuzzTargets", "Yams"]
        ),
        // The fuzz targets (front matter, Markdown, positions, rule files, configurations, whole checks): replayed by
        // the tests, driven by libFuzzer in `postcheck-fuzz` (see below).
        .target(name: "PostcheckFuzzTargets", dependencies: ["PostcheckCore"]),
        // Runs the built `postcheck` binary on Fixtures/ and the Vale style-package suites.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["PostcheckCLI", "PostcheckServer"]
        ),
    ]
)

// libFuzzer's `main` replaces Swift's, so the fuzzing executable exists only when scripts/fuzz.sh asks for it
// (POSTCHECK_FUZZ=1 swift build -Xswiftc -sanitize=fuzzer …); a plain build or test run never sees it.
if Context.environment["POSTCHECK_FUZZ"] != nil {
    package.products.append(.executable(name: "postcheck-fuzz", targets: ["PostcheckFuzz"]))
    package.targets.append(.executableTarget(name: "PostcheckFuzz", dependencies: ["PostcheckFuzzTargets"]))
}
