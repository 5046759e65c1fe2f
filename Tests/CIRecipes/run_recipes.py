#!/usr/bin/env python3
"""Runs the shell steps of the CI recipes people copy, as their runners would: the GitHub composite action
(action.yml: its steps' `run` scripts with `${{ inputs.* }}` and `${{ runner.temp }}` filled in, GITHUB_PATH honoured)
and the GitLab template (ci/postcheck.gitlab-ci.yml: before_script and script in one shell). Both install the release
archive given (a file:// URL) and check a project with one draft that has a placeholder.

Usage: run_recipes.py REPOSITORY ARCHIVE. Prints JSON with each recipe's exit status and what it wrote."""
import json, os, re, shutil, subprocess, sys, tempfile

import yaml

repository, archive = sys.argv[1], os.path.abspath(sys.argv[2])
results = {}


def project():
    folder = tempfile.mkdtemp(prefix="postcheck-recipe-")
    os.makedirs(os.path.join(folder, "posts"))
    with open(os.path.join(folder, "posts", "launch.md"), "w") as f:
        f.write("We open our office in Ghent on Monday. TODO: add the photo.\n")
    return folder


# GitHub: the composite action's steps.
action = yaml.safe_load(open(os.path.join(repository, "action.yml")))
inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
inputs.update({"paths": "posts/", "archive-url": "file://" + archive})
work = project()
runner_temp = tempfile.mkdtemp(prefix="postcheck-runner-")
github_path = os.path.join(runner_temp, "GITHUB_PATH")
open(github_path, "w").close()
path = os.environ["PATH"]
steps = []
for step in action["runs"]["steps"]:
    def fill(text):
        text = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], str(text))
        return re.sub(r"\$\{\{\s*runner\.temp\s*\}\}", runner_temp, text)
    env = dict(os.environ, PATH=path, GITHUB_PATH=github_path)
    env.update({key: fill(value) for key, value in (step.get("env") or {}).items()})
    run = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=work, env=env, capture_output=True, text=True)
    steps.append({"name": step["name"], "status": run.returncode, "stdout": run.stdout, "stderr": run.stderr[-2000:]})
    added = [line for line in open(github_path).read().splitlines() if line]
    path = ":".join(added + [os.environ["PATH"]])
sarif_path = os.path.join(work, inputs["sarif"])
results["github"] = {
    "steps": steps,
    "sarifResults": len(json.load(open(sarif_path))["runs"][0]["results"]) if os.path.exists(sarif_path) else None,
}

# GitLab: before_script and script in one shell, with the template's variables.
template = yaml.safe_load(open(os.path.join(repository, "ci", "postcheck.gitlab-ci.yml")))["postcheck"]
work = project()
variables = dict(template["variables"], POSTCHECK_PATHS="posts/", POSTCHECK_ARCHIVE_URL="file://" + archive,
                 CI_PROJECT_DIR=work)
script = "\n".join(template["before_script"] + template["script"])
run = subprocess.run(["bash", "-e", "-c", script], cwd=work, env=dict(os.environ, **variables), capture_output=True,
                     text=True)
report = os.path.join(work, "gl-code-quality-report.json")
results["gitlab"] = {
    "status": run.returncode, "stderr": run.stderr[-2000:],
    "codeQuality": json.load(open(report)) if os.path.exists(report) else None,
    "junit": os.path.exists(os.path.join(work, "postcheck-junit.xml")),
}
print(json.dumps(results))
