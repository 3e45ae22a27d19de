package io.dbsync.kind.admin;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.Selection;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * databricks_mount: DBFS mounts under /mnt/ (S3, ADLS Gen1, ADLS Gen2, Azure Blob; GCS and other
 * URIs too). Listing runs dbutils.fs.mounts() on a cluster through command execution; creating runs
 * the Terraform provider's safe_mount script (storage/mounts.go), deleting its unmount script. The
 * Terraform id is the mount name (the path under /mnt/). The provider has no update: every change
 * replaces.
 *
 * <pre>
 *   mount:
 *     patterns: ["raw*", "team/*"]   # globs on the name under /mnt/ (by: on mountPoint, source, encryptionType)
 *     cluster_id: 1125-101010-abcd   # cluster to list mounts on; absent = first RUNNING cluster
 * </pre>
 */
public final class MountKind implements Kind {
  static final String LIST_MOUNTS = """
      import json
      dbutils.fs.refreshMounts()
      print(json.dumps([{"mountPoint": m.mountPoint, "source": m.source, "encryptionType": m.encryptionType} for m in dbutils.fs.mounts()]))
      """;

  private static final KindInfo INFO = KindInfo.exported("databricks_mount", "mount", "mount",
      "Mounts: AWS S3, ADLS Gen1, ADLS Gen2, Azure Blob (listed and created on a running cluster)");

  /** Field added to listed mounts: the cluster the listing ran on (not part of the API object). */
  private static final String LISTED_ON = "_dbsync_listed_on_cluster";

  @Override
  public KindInfo info() {
    return INFO;
  }

  /**
   * What dbutils.fs.mounts() does not show: the cluster a mount was made on, and the credentials and
   * settings that went into extra_configs.
   */
  @Override
  public Set<String> writeOnly() {
    return Set.of("cluster_id", "extra_configs",
        "abfs.client_id", "abfs.tenant_id", "abfs.client_secret_scope", "abfs.client_secret_key",
        "abfs.initialize_file_system",
        "adl.client_id", "adl.tenant_id", "adl.client_secret_scope", "adl.client_secret_key", "adl.spark_conf_prefix",
        "wasb.auth_type", "wasb.token_secret_scope", "wasb.token_secret_key",
        "s3.instance_profile", "gs.service_account");
  }

  @Override
  public boolean replaceOnAnyChange() {
    return true;
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    List<String> configured = ctx.settings().strings("cluster_id");
    String cluster = ClusterCommands.cluster(ctx.client(), configured.isEmpty() ? null : configured.get(0),
        "objects.mount.cluster_id");
    Selection selection = ctx.settings().selection();
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode m : mounts(ctx.client(), cluster)) {
      String name = nameOf(m);
      if (name == null) {
        continue; // built-in mount points (/, /databricks-datasets, ...) are not resources
      }
      if (selection.selects(name, m)) {
        out.add(new SourceObject(name, Names.safe(name), ((ObjectNode) m.deepCopy()).put(LISTED_ON, cluster)));
      }
    }
    return out;
  }

  /**
   * The mount, plus cluster_id as a reference when the cluster it was listed on is exported too: the
   * import then mounts on that cluster's copy, after creating it, even in an empty target workspace.
   */
  @Override
  public ObjectNode exportConfig(ExportContext ctx, JsonNode raw) {
    ObjectNode attrs = toConfig(raw, ctx.rendering());
    String cluster = raw.path(LISTED_ON).asText(null);
    if (cluster != null) {
      String ref = ctx.rendering().ref("databricks_cluster", cluster, "id");
      if (!ref.equals(cluster)) { // the cluster is exported: a reference, not its raw id
        attrs.put("cluster_id", ref);
      }
    }
    return attrs;
  }

  /** The name under /mnt/ of a listed mount, or null for mount points outside /mnt/. */
  static String nameOf(JsonNode mount) {
    String point = mount.path("mountPoint").asText("");
    String name = point.startsWith("/mnt/") ? point.substring("/mnt/".length()) : "";
    while (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    return name.isEmpty() ? null : name;
  }

  static List<JsonNode> mounts(WorkspaceClient client, String clusterId) throws IOException {
    String text = ClusterCommands.python(client, clusterId, LIST_MOUNTS).strip();
    JsonNode parsed = TfJson.MAPPER.readTree(text);
    if (parsed == null || !parsed.isArray()) {
      throw new IllegalStateException("unexpected output of the mount listing on cluster " + clusterId + ": " + text);
    }
    List<JsonNode> out = new ArrayList<>();
    parsed.forEach(out::add);
    return out;
  }

  @Override
  public JsonNode read(KindContext ctx, String name) throws IOException {
    WorkspaceClient client = ctx.client();
    String cluster = ClusterCommands.cluster(client, null, "a running cluster in the target workspace");
    for (JsonNode m : mounts(client, cluster)) {
      if (name.equals(nameOf(m))) {
        return m;
      }
    }
    return null;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    String name = nameOf(raw);
    ObjectNode out = TfJson.object();
    out.put("name", name);
    MountSources.toBlock(name, raw.path("source").asText(), rendering, out);
    String enc = raw.path("encryptionType").asText("");
    if (!enc.isEmpty()) {
      out.put("encryption_type", enc);
    }
    return TfJson.prune(out);
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = attrs.path("name").asText("");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("databricks_mount: name is required");
    }
    MountSources.Spec spec = MountSources.fromAttrs(attrs);
    String cluster = ClusterCommands.cluster(ctx.client(), attrs.path("cluster_id").asText(null), "cluster_id on the mount");
    String script = """
        def safe_mount(mount_point, mount_source, configs, encryptionType):
          for mount in dbutils.fs.mounts():
            if mount.mountPoint == mount_point and mount.source == mount_source:
              return
          try:
            dbutils.fs.mount(mount_source, mount_point, extra_configs=configs, encryption_type=encryptionType)
            dbutils.fs.refreshMounts()
            dbutils.fs.ls(mount_point)
            return mount_source
          except Exception as e:
            try:
              dbutils.fs.unmount(mount_point)
            except Exception as e2:
              print("Failed to unmount", e2)
            raise e
        mount_source = safe_mount("/mnt/%s", "%s", %s, "%s")
        dbutils.notebook.exit(mount_source)
        """.formatted(pyString(name), pyString(spec.source()), MountSources.pythonDict(spec.configs()),
        pyString(attrs.path("encryption_type").asText("")));
    ClusterCommands.python(ctx.client(), cluster, script);
    return name;
  }

  /** No update in the provider: unmount and mount again (the engine replaces anyway). */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    delete(ctx, id, prior);
    create(ctx, attrs);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    String configured = prior == null ? null : prior.path("cluster_id").asText(null);
    String cluster = ClusterCommands.cluster(ctx.client(), configured, "cluster_id on the mount");
    ClusterCommands.python(ctx.client(), cluster, """
        found = False
        mount_point = "/mnt/%s"
        dbutils.fs.refreshMounts()
        for mount in dbutils.fs.mounts():
          if mount.mountPoint == mount_point:
            found = True
        if not found:
          dbutils.notebook.exit("success")
        dbutils.fs.unmount(mount_point)
        dbutils.fs.refreshMounts()
        for mount in dbutils.fs.mounts():
          if mount.mountPoint == mount_point:
            raise Exception("Failed to unmount")
        dbutils.notebook.exit("success")
        """.formatted(pyString(id)));
  }

  /** A mount already at /mnt/<name> is adopted; a different source then shows as a replace. */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = attrs.path("name").asText("");
    return !name.isEmpty() && read(ctx, name) != null ? Optional.of(name) : Optional.empty();
  }

  /** Text for inside a Python double-quoted string literal. */
  private static String pyString(String s) {
    if (s.contains("\"") || s.contains("\\") || s.contains("\n")) {
      throw new IllegalArgumentException("mount name, source or encryption type may not contain quotes, backslashes or newlines: " + s);
    }
    return s;
  }
}
