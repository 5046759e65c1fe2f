/// A shared guideline pack a `.postcheck.yml` lists under `packages:` for `postcheck sync` to fetch: a folder, a
/// `.zip` or `.tar.gz` archive (path or URL), or a git repository at a tag (`ref:`); `sha256` pins an archive (or a
/// git package's commit). Checking never reads these entries: it uses the synced packs named in `packs:`.
public struct SharedPackage: Sendable, Equatable {
    public var source: String
    public var sha256: String?
    public var ref: String?

    public init(source: String, sha256: String? = nil, ref: String? = nil) {
        self.source = source
        self.sha256 = sha256
        self.ref = ref
    }

    /// The `packages:` of a `.postcheck.yml`, with the file's line and column in errors.
    public static func list(configurationPath path: String, text: String) throws(RuleFileError) -> [SharedPackage] {
        let fields = try YAMLFields.parse(path: path, text: text)
        guard let node = fields.node("packages") else { return [] }
        guard case .sequence(let items) = node else {
            throw fields.error(at: node, "'packages' must be a list of sources or {source, sha256, ref}")
        }
        var packages: [SharedPackage] = []
        for item in items {
            if case .scalar = item, let source = item.string {
                packages.append(SharedPackage(source: source))
                continue
            }
            let entry = try YAMLFields(path: path, node: item)
            try entry.rejectUnknownKeys(allowed: ["source", "sha256", "ref"], context: "a package")
            guard let source = try entry.string("source") else {
                throw entry.error(at: item, "a package needs 'source' (a folder, an archive or a git repository)")
            }
            packages.append(
                SharedPackage(
                    source: source, sha256: try entry.string("sha256")?.lowercased(), ref: try entry.string("ref")))
        }
        return packages
    }
}
