import Foundation

/// The bundled packs built into an executable (by the EmbedRules plugin), written once to the user's cache folder
/// (`$XDG_CACHE_HOME` or `~/.cache`, under `postcheck/rules-<hash>`) so that the loader can read them like any pack.
public enum EmbeddedRules {
    public static func extract(_ files: [(path: String, base64: String)]) -> String? {
        guard !files.isEmpty else { return nil }
        let environment = ProcessInfo.processInfo.environment
        let cacheRoot = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { ($0 as NSString).appendingPathComponent(".cache") } ?? NSTemporaryDirectory())
        let hash = stableFingerprint(files.map { $0.path + ":" + $0.base64 })
        let target = (cacheRoot as NSString).appendingPathComponent("postcheck/rules-\(hash)")
        if FileManager.default.fileExists(atPath: (target as NSString).appendingPathComponent(".complete")) { return target }
        // Write into a fresh folder and rename it into place, so that parallel runs never see half a copy.
        let staging = target + ".\(getpid()).tmp"
        do {
            try? FileManager.default.removeItem(atPath: staging)
            for file in files {
                let path = (staging as NSString).appendingPathComponent(file.path)
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                guard let data = Data(base64Encoded: file.base64) else { continue }
                try data.write(to: URL(fileURLWithPath: path))
            }
            _ = FileManager.default.createFile(atPath: (staging as NSString).appendingPathComponent(".complete"), contents: Data())
            if rename(staging, target) != 0 { try? FileManager.default.removeItem(atPath: staging) }
            return FileManager.default.fileExists(atPath: target) ? target : nil
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            return nil
        }
    }
}
