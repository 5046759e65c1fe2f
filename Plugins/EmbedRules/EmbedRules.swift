import Foundation
import PackagePlugin

/// Builds the bundled rule packs (`Rules/`) into the `postcheck` binary, so that an installed binary works without
/// the source checkout.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appending(path: "Rules")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRules.swift")
        var inputs: [URL] = []
        if let enumerator = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in enumerator
            where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding the bundled rule packs",
                executable: try context.tool(named: "RulesEmbedder").url,
                arguments: [rules.path, output.path],
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
