import Foundation
import XCTest

/// The CI recipes people copy, their shell steps run as the runners would (`Tests/CIRecipes/run_recipes.py`): the
/// GitHub composite action (`action.yml`) and the GitLab template (`ci/postcheck.gitlab-ci.yml`), each installing a
/// release archive made by `scripts/release.sh` and failing the job on a draft with a placeholder.
final class CIRecipeTests: XCTestCase {
    func testActionAndGitLabTemplateInstallAReleaseAndGateTheDrafts() throws {
        let archive = try makeReleaseArchive()
        let run = try tool(
            "python3",
            [
                packageRoot.appendingPathComponent("Tests/CIRecipes/run_recipes.py").path, packageRoot.path,
                archive.path,
            ])
        XCTAssertEqual(run.status, 0, run.stderr)
        let results = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let github = results["github"] as! [String: Any]
        let steps = github["steps"] as! [[String: Any]]
        XCTAssertEqual(steps.map { $0["status"] as? Int }, [0, 1], "installed, then the gate fails the job")
        XCTAssertTrue(
            (steps[1]["stdout"] as? String ?? "").contains(
                "::error file=posts/launch.md,line=1,endLine=1,col=40,endColumn=44,title=postcheck (postcheck.Placeholder)::"
            ), "\(steps[1])")
        XCTAssertEqual(github["sarifResults"] as? Int, 1)
        let gitlab = results["gitlab"] as! [String: Any]
        XCTAssertEqual(gitlab["status"] as? Int, 1, gitlab["stderr"] as? String ?? "")
        let issues = gitlab["codeQuality"] as? [[String: Any]] ?? []
        XCTAssertEqual(issues.map { $0["check_name"] as? String }, ["postcheck.Placeholder"])
        XCTAssertEqual(gitlab["junit"] as? Bool, true)
    }
}
