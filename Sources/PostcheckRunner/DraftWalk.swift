import Foundation
import PostcheckCore

/// Finding the drafts under a folder.
extension CheckSession {
    /// Lists the drafts under a folder, depth first in name order. Symbolic links are followed (a content
    /// repository may link shared folders in), but a folder already on the walk — a link loop, or a second link to
    /// the same folder — is skipped with a notice rather than walked again, so any tree ends. Hidden entries and
    /// `node_modules` are skipped. An explicit stack keeps very deep trees off the call stack.
    func walk(_ root: String) throws -> [Input] {
        var inputs: [Input] = []
        let rootPath = absolute(root)
        var visited = Set<FileIdentity>()
        var pending: [String] = [rootPath]
        if let identity = FileIdentity(path: rootPath) { visited.insert(identity) }
        while let folder = pending.popLast() {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            } catch {
                notices.append("\(display(folder, root: root, rootPath: rootPath)): folder skipped: cannot be read")
                continue
            }
            var subfolders: [String] = []
            for name in names where !name.hasPrefix(".") {
                let full = folder == "/" ? "/" + name : folder + "/" + name
                guard let kind = EntryKind(path: full) else { continue }
                switch kind {
                case .folder(let identity):
                    guard name != "node_modules" else { continue }
                    guard visited.insert(identity).inserted else {
                        notices.append(
                            "\(display(full, root: root, rootPath: rootPath)): skipped: links back to a folder already checked"
                        )
                        continue
                    }
                    subfolders.append(full)
                case .file(let size):
                    let linter = try linter(for: full)
                    let configuration = linter.configuration
                    let fileExtension = (name as NSString).pathExtension.lowercased()
                    let relativeToConfig = relativePath(full, to: configuration.baseDirectory)
                    guard
                        configuration.extensions.contains(fileExtension)
                            || (configuration.isVale && configuration.mentions(relativeToConfig))
                    else { continue }
                    if size == 0 {
                        notices.append("\(display(full, root: root, rootPath: rootPath)): skipped: the file is empty")
                        continue
                    }
                    inputs.append(
                        Input(
                            displayPath: display(full, root: root, rootPath: rootPath), filePath: full,
                            logicalPath: full))
                case .other:
                    continue
                }
            }
            pending.append(contentsOf: subfolders.reversed())
        }
        return inputs
    }

    func display(_ full: String, root: String, rootPath: String) -> String {
        let relativeToRoot = String(full.dropFirst(rootPath.count).drop { $0 == "/" })
        if relativeToRoot.isEmpty { return root }
        return root == "." || root == "./"
            ? relativeToRoot
            : (root.hasSuffix("/") ? root + relativeToRoot : root + "/" + relativeToRoot)
    }

}

/// A folder's device and inode: the same folder reached through different links has the same identity.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// What a folder entry is once symbolic links are followed; a dangling link is `nil`.
enum EntryKind {
    case folder(FileIdentity)
    case file(size: Int64)
    case other

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: self = .folder(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
        case S_IFREG: self = .file(size: Int64(info.st_size))
        default: self = .other
        }
    }
}

/// A path relative to a configuration's folder (unchanged when it is outside it): what overrides and globs match.
public func relativePath(_ path: String, to base: String) -> String {
    let prefix = base.hasSuffix("/") ? base : base + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
}
