#!/usr/bin/env python3
"""Derives the attribute/block schema of a Terraform resource built from Go structs (databricks_cluster,
databricks_job, databricks_catalog, ...) the way the provider builds it (common/reflect_resource.go):
json names (or a `tf:"alias:x"`), embedded structs flattened, slices of structs become repeated
blocks, pointers and structs single blocks (max_items 1), maps of scalars maps; a field without
omitempty (or `tf:"optional"`) is required, one tagged `tf:"computed"` without them read-only (left
out: the schema lists only what a configuration may set). Prints JSON in the format of
core/src/main/resources/io/dbsync/tf/schema/*.json.

Structs come from the Go SDK's service/*/model.go and, for a root like "provider:catalog.CatalogSchemaStruct",
from the provider's own package folder (its local types, embedding SDK ones). What the resource's
customize function changes (SetReadOnly, RemoveField, added fields, aliases) is given per resource in
RESOURCES below, read from the provider's resource_*.go; hand-check the output against
docs/resources/<name>.md.

  scripts/tf-schema-from-go-sdk.py SDK_REPO compute.ClusterSpec > cluster.json
  scripts/tf-schema-from-go-sdk.py SDK_REPO jobs.JobSettings --aliases jobs > job.json
  scripts/tf-schema-from-go-sdk.py SDK_REPO --provider PROVIDER_REPO --resource databricks_catalog > databricks_catalog.json
  scripts/tf-schema-from-go-sdk.py SDK_REPO --provider PROVIDER_REPO --all OUT_DIR   (every entry of RESOURCES)
"""
import json
import re
import subprocess
import sys

FIELD = re.compile(r'^\s+([A-Z]\w*)\s+(\S+)\s+`([^`]*)`')
EMBEDDED = re.compile(r'^\s+(\*?[\w.]+)\s*(`[^`]*`)?\s*$')
SCALARS = {"string": "string", "bool": "bool", "int": "number", "int32": "number", "int64": "number",
           "float32": "number", "float64": "number"}


def git_show(repo, path):
    return subprocess.run(["git", "-C", repo, "show", f"HEAD:{path}"], capture_output=True, text=True,
                          check=True).stdout


def git_ls(repo, folder):
    out = subprocess.run(["git", "-C", repo, "ls-tree", "--name-only", f"HEAD:{folder}"], capture_output=True,
                         text=True, check=True).stdout
    return [f"{folder}/{n}" for n in out.split() if n.endswith(".go") and not n.endswith("_test.go")]


def tag(tags, key):
    m = re.search(key + r':"([^"]*)"', tags)
    return m.group(1) if m else None


class Types:
    """Go structs ("pkg.Name" -> [(json, go type, tf tag, omitempty)] or [("embed", type)]) and scalar types."""

    def __init__(self):
        self.structs, self.scalars = {}, set()

    def load(self, text, pkg):
        current = None
        for line in text.splitlines():
            m = re.match(r'^type (\w+) struct \{\s*$', line)
            if m:
                current = self.structs.setdefault(f"{pkg}.{m.group(1)}", [])
                continue
            if re.match(r'^type (\w+) struct\{\}', line):
                self.structs.setdefault(f"{pkg}.{line.split()[1]}", [])
                continue
            m = re.match(r'^type (\w+) (string|int|int32|int64|float64|bool)\s*$', line)
            if m:
                self.scalars.add(f"{pkg}.{m.group(1)}")
                continue
            if line.startswith("}"):
                current = None
                continue
            if current is None or line.strip().startswith("//"):
                continue
            f = FIELD.match(line)
            if f:
                tags = f.group(3)
                js = tag(tags, "json")
                if js is None:
                    continue
                name = js.split(",")[0]
                tf = tag(tags, "tf") or ""
                omit = "omitempty" in js.split(",")[1:] or "optional" in tf.split(",")
                current.append(("field", name, f.group(2), tf, omit))
                continue
            e = EMBEDDED.match(line)
            if e and not line.strip().startswith("ForceSendFields"):
                current.append(("embed", e.group(1).lstrip("*")))

    def qualify(self, t, pkg):
        return t if "." in t else f"{pkg}.{t}"


def fields(types, name):
    """The fields of a struct with embedded structs flattened, as tfreflect.ListAllFields does."""
    pkg = name.split(".")[0]
    out = []
    for f in types.structs[name]:
        if f[0] == "embed":
            q = types.qualify(f[1], pkg)
            if q.startswith("common.") or q not in types.structs:
                continue  # common.Namespace: provider_config, accepted on every resource
            out.extend(fields(types, q))
        else:
            out.append((f[1], f[2], f[3], f[4], pkg))
    return out


def schema(types, name, aliases, path=(), seen=()):
    out = {"attributes": {}, "blocks": {}}
    for json_name, gotype, tf, optional, pkg in fields(types, name):
        if json_name in ("-", ""):
            continue
        m = re.search(r"alias:(\w+)", tf)
        hcl = aliases.get(".".join(path + (json_name,)), m.group(1) if m else json_name)
        if json_name == "parameters" and gotype.endswith("JobParameterDefinition"):
            hcl = "parameter"
        if "computed" in tf.split(",") and not optional:
            continue  # read-only
        t = gotype.lstrip("*")
        repeated = t.startswith("[]")
        t = t[2:].lstrip("*") if repeated else t
        qualified = types.qualify(t, pkg)
        if t in SCALARS or qualified in types.scalars:
            out["attributes"][hcl] = "list" if repeated else SCALARS.get(t, "string")
        elif t.startswith("map["):
            out["attributes"][hcl] = "map"
        elif qualified in types.structs:
            if seen.count(qualified) >= 2 and qualified.endswith(".Task"):
                continue  # the provider nests a task in for_each_task once
            block = schema(types, qualified, aliases, path + (hcl,), seen + (qualified,))
            m = re.search(r"max_items:(\d+)", tf)
            if not repeated:
                block["max_items"] = 1
            elif m:
                block["max_items"] = int(m.group(1))
            out["blocks"][hcl] = block
        else:
            out["attributes"][hcl] = "any"
    if not out["blocks"]:
        del out["blocks"]
    return out


def at(s, path):
    """The block (schema dict) at a dotted path of block names."""
    for p in path.split(".") if path else []:
        s = s["blocks"][p]
    return s


def drop(s, path):
    *parent, leaf = path.split(".")
    b = at(s, ".".join(parent))
    if leaf in b.get("attributes", {}):
        del b["attributes"][leaf]
    elif leaf in b.get("blocks", {}):
        del b["blocks"][leaf]
    else:
        raise KeyError(f"no {path} to remove")
    if "blocks" in b and not b["blocks"]:
        del b["blocks"]


def add(s, path, value):
    *parent, leaf = path.split(".")
    b = at(s, ".".join(parent))
    if isinstance(value, dict):
        b.setdefault("blocks", {})[leaf] = value
    else:
        b.setdefault("attributes", {})[leaf] = value


# Per resource: root struct ("provider:<folder>.<Type>" for the provider's own), aliases (dotted
# json path -> name), read_only and removed paths (both left out), added fields (path -> type or
# block), all as the resource's customize function does them.
RESOURCES = {
    "databricks_alert": {
        "root": "provider:sql.AlertSchemaStruct",
        "read_only": ["id", "create_time", "lifecycle_state", "state", "trigger_time", "update_time"],
    },
    "databricks_catalog": {
        "root": "provider:catalog.CatalogSchemaStruct",
        "read_only": ["catalog_type", "created_at", "created_by", "updated_at", "updated_by", "securable_type",
                      "full_name", "storage_location"],
        "add": {"force_destroy": "bool"},
    },
    "databricks_connection": {
        "root": "provider:catalog.ConnectionSchemaStruct",
        "read_only": ["url", "metastore_id", "credential_type", "connection_id", "created_at", "created_by",
                      "full_name", "provisioning_info", "securable_type", "updated_at", "updated_by"],
    },
    "databricks_dashboard": {
        "root": "provider:dashboards.Dashboard",
    },
    "databricks_external_location": {
        "root": "provider:catalog.ExternalLocationInfo",
        "read_only": ["created_at", "created_by", "credential_id", "updated_at", "updated_by", "browse_only",
                      "effective_enable_file_events"] + [
            f"file_event_queue.{q}.managed_resource_id" for q in
            ("managed_pubsub", "managed_aqs", "managed_sqs", "provided_pubsub", "provided_aqs", "provided_sqs")],
        "add": {"force_destroy": "bool", "force_update": "bool"},
    },
    "databricks_grants": {
        "root": "provider:catalog.PermissionsList",
        # one optional string per securable (catalog/permissions.Mappings)
        "add": {k: "string" for k in (
            "catalog", "credential", "foreign_connection", "external_location", "function", "mcp_service",
            "metastore", "model", "model_provider_service", "model_service", "pipeline", "recipient", "schema",
            "share", "storage_credential", "table", "volume")},
    },
    "databricks_ip_access_list": {
        "root": "provider:access.ipAccessListUpdateRequest",
    },
    "databricks_mlflow_experiment": {
        "root": "provider:mlflow.MlflowExperimentSchemaStruct",
        "add": {"description": "string"},
    },
    "databricks_mlflow_model": {
        "root": "provider:mlflow.MlflowModelSchemaStruct",
    },
    "databricks_model_serving": {
        "root": "provider:serving.ModelServingSchemaStruct",
    },
    "databricks_notification_destination": {
        "root": "provider:settings.NDStruct",
        "read_only": ["id"],
    },
    "databricks_pipeline": {
        "root": "provider:pipelines.Pipeline",
        "aliases": {"clusters": "cluster", "libraries": "library", "notifications": "notification"},
        "read_only": ["id"],
        "remove": ["cluster.gcp_attributes.use_preemptible_executors", "cluster.gcp_attributes.boot_disk_size"],
    },
    "databricks_query": {
        "root": "provider:sql.QueryStruct",
        "aliases": {"parameters": "parameter"},
        "read_only": ["id", "create_time", "lifecycle_state", "last_modifier_user_name", "update_time"],
    },
    "databricks_registered_model": {
        "root": "provider:catalog.RegisteredModelSchemaStruct",
        "add": {"owner": "string"},
    },
    "databricks_repo": {
        "root": "provider:repos.ReposInformation",
        "read_only": ["id"],
        "add": {"tag": "string", "git_credential_id": "number"},
    },
    "databricks_schema": {
        "root": "provider:catalog.SchemaInfo",
        "remove": ["full_name"],
        "add": {"force_destroy": "bool"},
    },
    "databricks_sql_endpoint": {
        "root": "provider:sql.SqlWarehouse",
        "read_only": ["id", "creator_name", "health", "jdbc_url", "num_active_sessions", "num_clusters",
                      "odbc_params", "state"],
        "add": {"no_wait": "bool"},
    },
    "databricks_sql_table": {
        "root": "provider:catalog.SqlTableInfo",
    },
    "databricks_storage_credential": {
        "root": "provider:catalog.StorageCredentialInfo",
        "add": {"force_destroy": "bool", "force_update": "bool", "api": "string"},
    },
    "databricks_volume": {
        "root": "provider:catalog.VolumeInfo",
    },
    "databricks_workspace_binding": {
        "root": "provider:catalog.WorkspaceBindingSchemaStruct",
        "add": {"catalog_name": "string", "securable_name": "string", "securable_type": "string"},
    },
    "databricks_workspace_conf": {
        "root": None,  # a hand-written schema: one map
        "add": {"custom_config": "map"},
    },
}


def load_all(sdk, provider, folders):
    types = Types()
    for folder in subprocess.run(["git", "-C", sdk, "ls-tree", "--name-only", "HEAD:service"], capture_output=True,
                                 text=True, check=True).stdout.split():
        if not folder.endswith(".go"):
            try:
                types.load(git_show(sdk, f"service/{folder}/model.go"), folder)
            except subprocess.CalledProcessError:
                pass
    for folder in folders:
        for f in git_ls(provider, folder):
            types.load(git_show(provider, f), "provider:" + folder)
    return types


def resource(types, spec):
    root = spec["root"]
    s = schema(types, root, spec.get("aliases", {})) if root else {"attributes": {}}
    for p in spec.get("read_only", []) + spec.get("remove", []):
        drop(s, p)
    for p, v in spec.get("add", {}).items():
        add(s, p, v)
    return s


def tidy(s):
    """Empty "attributes" or "blocks" left out, as in the hand-written files."""
    for b in s.get("blocks", {}).values():
        tidy(b)
    for k in ("attributes", "blocks"):
        if k in s and not s[k]:
            del s[k]
    return s


def dump(s):
    return json.dumps(s, indent=2, sort_keys=True) + "\n"


ALIASES = {
    "jobs": {"tasks": "task", "job_clusters": "job_cluster", "environments": "environment",
             "libraries": "library", "git_url": "url", "git_provider": "provider", "git_branch": "branch",
             "git_tag": "tag", "git_commit": "commit"},
}


def main():
    args = sys.argv[1:]
    sdk = args.pop(0)
    if "--provider" in args:
        provider = args[args.index("--provider") + 1]
        names = list(RESOURCES) if "--all" in args else [args[args.index("--resource") + 1]]
        folders = sorted({RESOURCES[n]["root"].split(":")[1].split(".")[0] for n in names
                          if (RESOURCES[n]["root"] or "").startswith("provider:")})
        types = load_all(sdk, provider, folders)
        if "--all" in args:
            out_dir = args[args.index("--all") + 1]
            for n in names:
                with open(f"{out_dir}/{n}.json", "w") as f:
                    f.write(dump(tidy(resource(types, RESOURCES[n]))))
        else:
            sys.stdout.write(dump(tidy(resource(types, RESOURCES[names[0]]))))
        return
    root = args[0]
    names = ALIASES.get(args[2], {}) if len(args) > 2 else {}
    types = load_all(sdk, None, [])
    # the SDK-only form keeps the json -> name aliases of one struct family at every depth
    s = schema_with_flat_aliases(types, root, names)
    sys.stdout.write(dump(s))


def schema_with_flat_aliases(types, root, names):
    class AnyPath(dict):
        def get(self, key, default=None):
            return names.get(key.split(".")[-1], default)
    return schema(types, root, AnyPath())


if __name__ == "__main__":
    main()
