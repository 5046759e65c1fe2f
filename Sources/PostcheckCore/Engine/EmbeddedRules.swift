import Foundation

/// Where the bundled packs are for a running executable: `$POSTCHECK_RULES`, a `Rules` folder next to the
/// executable or up to five folders above it (a checkout or an install prefix), or else the embedded copy.
public enum BundledRulesFolder {
    public static func locate(embedded files: [(path: String, base64: String)]) -> String? {
        if let explicit = ProcessInfo.processInfo.environment["POSTCHECK_RULES"], !explicit.isEmpty { return explicit }
        var folder = RunningExecutable.url().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("Rules")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("postcheck").path) {
                return candidate.path
            }
            folder.deleteLastPathComponent()
        }
        return EmbeddedRules.extract(files)
    }
}

/// The running executable's file, symlinks resolved.
public enum RunningExecutable {
    public static func url() -> URL {
        #if os(Linux)
        // Not `Bundle.main`: creating the main bundle lists the executable's whole folder (thousands of entries in
        // /usr/bin), which cost milliseconds of every start-up. `CommandLine.arguments[0]` is only a name when the
        // executable was found through PATH.
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            return URL(
                fileURLWithPath: String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        #endif
        return (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
    }
}

/// The bundled packs built into an executable (by the EmbedRules plugin), written once to the user's cache folder
/// (`$XDG_CACHE_HOME` or `~/.cache`, under `postcheck/rules-<hash>`) so that the loader can read them like any pack.
public enum EmbeddedRules {
    public static func extract(_ files: [(path: String, base64: String)]) -> String? {
        guard !files.isEmpty else { return nil }
        let environment = ProcessInfo.processInfo.environment
        let cacheRoot =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].flatMap { $0.isEmpty ? nil : ($0 as NSString).appendingPathComponent(".cache") }
        let hash = stableFingerprint(files.map { $0.path + ":" + $0.base64 })
        if let cacheRoot,
            let written = write(files, to: (cacheRoot as NSString).appendingPathComponent("postcheck/rules-\(hash)"))
        {
            return written
        }
        // No writable home (HOME=/dev/null, the user nobody): a folder of this user's own in the temporary folder,
        // readable by nobody else. Without the packs, no rule would run and every draft would pass.
        let temporary = (NSTemporaryDirectory() as NSString).appendingPathComponent("postcheck-\(getuid())")
        if mkdir(temporary, 0o700) != 0 && errno != EEXIST { return nil }
        var info = stat()
        guard stat(temporary, &info) == 0, info.st_uid == getuid(), info.st_mode & 0o077 == 0 else { return nil }
        return write(files, to: (temporary as NSString).appendingPathComponent("rules-\(hash)"))
    }

    /// Writes the files under `target` once (a fresh folder renamed into place, so that parallel runs never see half
    /// a copy); the folder, or nil when it cannot be written.
    private static func write(_ files: [(path: String, base64: String)], to target: String) -> String? {
        if FileManager.default.fileExists(atPath: (target as NSString).appendingPathComponent(".complete")) {
            return target
        }
        let staging = target + ".\(getpid()).tmp"
        do {
            try? FileManager.default.removeItem(atPath: staging)
            for file in files {
                let path = (staging as NSString).appendingPathComponent(file.path)
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                guard let data = Data(base64Encoded: file.base64) else { continue }
                try data.write(to: URL(fileURLWithPath: path))
            }
            guard
                FileManager.default.createFile(
                    atPath: (staging as NSString).appendingPathComponent(".complete"), contents: Data())
            else {
                try? FileManager.default.removeItem(atPath: staging)
                return nil
            }
            if rename(staging, target) != 0 { try? FileManager.default.removeItem(atPath: staging) }
            return FileManager.default.fileExists(atPath: (target as NSString).appendingPathComponent(".complete"))
                ? target : nil
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            return nil
        }
    }
}
