#!/usr/bin/env python3
"""Derives the attribute/block schema of an SDK-struct-based Terraform resource (databricks_cluster,
databricks_job, ...) from the Go SDK's service/*/model.go, the way the provider builds it
(common/reflect_resource.go: json names, slices of structs become repeated blocks, pointers and
structs single blocks, `tf:"alias:x"` renames). Prints JSON in the format of
core/src/main/resources/io/dbsync/tf/schema/*.json; hand-check and merge the provider's extras.

  scripts/tf-schema-from-go-sdk.py SDK_REPO compute.ClusterSpec > cluster.json
  scripts/tf-schema-from-go-sdk.py SDK_REPO jobs.JobSettings --aliases jobs > job.json
"""
import json
import re
import subprocess
import sys

FIELD = re.compile(r'^\s+([A-Z]\w*)\s+(\S+)\s+`json:"([^",]*)[^"]*"')


def load(repo, pkg):
    text = subprocess.run(["git", "-C", repo, "show", f"HEAD:service/{pkg}/model.go"],
                          capture_output=True, text=True, check=True).stdout
    structs, scalars = {}, set()
    current = None
    for line in text.splitlines():
        m = re.match(r'^type (\w+) struct \{', line)
        if m:
            current = structs.setdefault(f"{pkg}.{m.group(1)}", [])
            continue
        m = re.match(r'^type (\w+) (string|int|int64|float64|bool)\s*$', line)
        if m:
            scalars.add(f"{pkg}.{m.group(1)}")
            continue
        if line.startswith("}"):
            current = None
            continue
        if current is not None:
            f = FIELD.match(line)
            if f and f.group(3) not in ("-", ""):
                current.append((f.group(3), f.group(2)))
    return structs, scalars


ALIASES = {
    "jobs": {"tasks": "task", "job_clusters": "job_cluster", "environments": "environment",
             "libraries": "library", "git_url": "url", "git_provider": "provider", "git_branch": "branch",
             "git_tag": "tag", "git_commit": "commit"},
}


def schema(name, pkg, structs, scalars, aliases, path=()):
    out = {"attributes": {}, "blocks": {}}
    for json_name, gotype in structs[name]:
        hcl = aliases.get(json_name, json_name)
        if json_name == "parameters" and gotype.endswith("JobParameterDefinition"):
            hcl = "parameter"
        t = gotype.lstrip("*")
        repeated = t.startswith("[]")
        t = t[2:] if repeated else t
        qualified = t if "." in t else f"{pkg}.{t}"
        if t in ("string", "int", "int64", "float64", "bool") or qualified in scalars:
            base = {"string": "string", "bool": "bool"}.get(t, "number" if t in ("int", "int64", "float64") else "string")
            if qualified in scalars:
                base = "string"
            out["attributes"][hcl] = "list" if repeated else base
        elif t.startswith("map["):
            out["attributes"][hcl] = "map"
        elif qualified in structs:
            if path.count(qualified) >= 2 and qualified.endswith(".Task"):
                continue  # the provider nests a task in for_each_task once
            block = schema(qualified, qualified.split(".")[0], structs, scalars, aliases, path + (name,))
            if not repeated:
                block["max_items"] = 1
            out["blocks"][hcl] = block
        else:
            out["attributes"][hcl] = "any"
    if not out["blocks"]:
        del out["blocks"]
    return out


def main():
    repo, root = sys.argv[1], sys.argv[2]
    aliases = ALIASES.get(sys.argv[4], {}) if len(sys.argv) > 4 else {}
    structs, scalars = {}, set()
    for pkg in ("compute", "jobs"):
        s, sc = load(repo, pkg)
        structs.update(s)
        scalars |= sc
    print(json.dumps(schema(root, root.split(".")[0], structs, scalars, aliases), indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
