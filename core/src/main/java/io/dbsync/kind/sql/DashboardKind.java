package io.dbsync.kind.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.client.TokenPages;
import io.dbsync.config.Selection;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.compute.Attrs;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.kind.workspace.ArtifactPaths;
import io.dbsync.kind.workspace.WorkspaceApi;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * databricks_dashboard: an AI/BI (Lakeview) dashboard. Its serialized form is an artifact
 * (exports/dashboard/data/&lt;folder&gt;/&lt;name&gt;.lvdash.json, referenced by {@code file_path}),
 * written as canonical JSON (sorted keys, indented) so that git diffs are readable and a workspace
 * that re-serializes the same dashboard differently does not count as a change. The warehouse is a
 * reference; {@code embed_credentials} comes from the published version. Import creates or updates
 * the draft and publishes it, as the provider does. The dashboard's workspace file is this object,
 * not a workspace file of the notebook kinds. The path (folder and display name) is unique, so an
 * existing dashboard there is adopted.
 */
public final class DashboardKind implements Kind {
  public static final String TYPE = "databricks_dashboard";
  static final String BASE = "/api/2.0/lakeview/dashboards";
  /** Not an API field: the published version read() attaches (for embed_credentials). */
  private static final String PUBLISHED = "_published";
  private static final String EXTENSION = ".lvdash.json";
  private static final long MAX_SERIALIZED = 10L * 1024 * 1024;

  private static final KindInfo INFO = KindInfo.exported(TYPE, "dashboard", "dashboard",
      "AI/BI (Lakeview) dashboards (serialized as files, published on import)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("parent_path");
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    Selection sel = ctx.settings().selection();
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode d : TokenPages.all(ctx.client(), BASE, Map.of("page_size", "100"), "dashboards", "page_token")) {
      String name = Attrs.text(d, "display_name");
      if (sel.selects(name, d) && "ACTIVE".equals(Attrs.text(d, "lifecycle_state"))) {
        out.add(new SourceObject(Attrs.text(d, "dashboard_id"), Names.safe(name), null));
      }
    }
    return out;
  }

  /** The dashboard's direct permissions. */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    return PermissionsKind.forObject(ctx, "dashboards", obj.id(), "dashboard_id",
        ctx.rendering().ref(TYPE, obj.id(), "id"), "dashboard_" + obj.name());
  }

  /** The draft with its published version (when there is one) under {@link #PUBLISHED}; null when trashed. */
  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    JsonNode d = Rest.getOrNull(ctx.client(), BASE + "/" + id);
    if (d == null || "TRASHED".equals(Attrs.text(d, "lifecycle_state"))) {
      return null;
    }
    ObjectNode out = d.deepCopy();
    JsonNode published = Rest.getOrNull(ctx.client(), BASE + "/" + id + "/published");
    if (published != null) {
      out.set(PUBLISHED, published);
    }
    return out;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) throws IOException {
    ObjectNode out = TfJson.object();
    String name = Attrs.text(raw, "display_name");
    String parent = WorkspaceApi.withoutWorkspacePrefix(Attrs.text(raw, "parent_path"));
    out.put("display_name", name);
    out.put("parent_path", parent);
    String warehouse = Attrs.text(raw, "warehouse_id");
    if (warehouse != null) {
      out.put("warehouse_id", rendering.ref(SqlWarehouseKind.TYPE, warehouse, "id"));
    }
    byte[] serialized = canonical(Attrs.text(raw, "serialized_dashboard"));
    out.put("file_path", rendering.artifact(ArtifactPaths.relative(parent + "/" + name, EXTENSION), o -> o.write(serialized)));
    JsonNode embed = raw.path(PUBLISHED).get("embed_credentials");
    if (embed != null && embed.isBoolean()) {
      out.put("embed_credentials", embed.asBoolean());
    }
    return TfJson.prune(out);
  }

  /** The serialized dashboard as canonical JSON text; text that is not JSON is kept as it is. */
  static byte[] canonical(String serialized) {
    if (serialized == null || serialized.isBlank()) {
      return TfJson.writeBytes(TfJson.object());
    }
    try {
      JsonNode parsed = TfJson.MAPPER.readTree(serialized);
      if (parsed != null && parsed.isObject()) {
        return TfJson.writeBytes(parsed);
      }
    } catch (IOException notJson) {
      // kept verbatim below
    }
    return serialized.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String parent = Attrs.text(attrs, "parent_path");
    WorkspaceApi.ensureFolder(ctx, parent);
    ObjectNode body = draft(ctx, attrs);
    body.put("parent_path", parent);
    String id = Rest.post(ctx.client(), BASE, body).get("dashboard_id").asText();
    written(ctx, attrs);
    publish(ctx, id, attrs);
    return id;
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    Rest.patch(ctx.client(), BASE + "/" + id, draft(ctx, attrs));
    written(ctx, attrs);
    written(ctx, prior);
    publish(ctx, id, attrs);
  }

  /** The workspace path of the dashboard's file, or null when the attributes do not say. */
  private static String filePath(ObjectNode attrs) {
    String parent = attrs == null ? null : Attrs.text(attrs, "parent_path");
    String name = attrs == null ? null : Attrs.text(attrs, "display_name");
    return parent == null || name == null ? null : (parent.equals("/") ? "" : parent) + "/" + name + EXTENSION;
  }

  /** The dashboard's file was written: its folder's listing is read again when next asked for. */
  private static void written(ApplyContext ctx, ObjectNode attrs) {
    String path = filePath(attrs);
    if (path != null) {
      WorkspaceApi.written(ctx, path);
    }
  }

  /** Display name, warehouse and the serialized dashboard read from the artifact. */
  private static ObjectNode draft(ApplyContext ctx, ObjectNode attrs) throws IOException {
    ObjectNode body = TfJson.object();
    Attrs.copy(attrs, body, "display_name", "warehouse_id");
    String file = Attrs.text(attrs, "file_path");
    if (file != null) {
      long size = ctx.artifactSize(file);
      if (size > MAX_SERIALIZED) {
        throw new IOException("dashboard file " + file + " has " + size + " bytes; the limit is " + MAX_SERIALIZED);
      }
      try (InputStream in = ctx.openArtifact(file)) {
        body.put("serialized_dashboard", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } else if (attrs.hasNonNull("serialized_dashboard")) {
      body.put("serialized_dashboard", attrs.get("serialized_dashboard").asText());
    }
    return body;
  }

  /** Publishes the draft with its warehouse; credentials embedded unless the config says otherwise (the provider's default). */
  private static void publish(ApplyContext ctx, String id, ObjectNode attrs) throws IOException {
    ObjectNode body = TfJson.object();
    Attrs.copy(attrs, body, "warehouse_id");
    body.put("embed_credentials", attrs.path("embed_credentials").asBoolean(true));
    Rest.post(ctx.client(), BASE + "/" + id + "/published", body);
  }

  /** Trashes the dashboard; one already trashed or gone is success. */
  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    if (read(ctx, id) != null) {
      Rest.deleteTolerantOfGone(ctx.client(), BASE + "/" + id);
    }
    written(ctx, prior);
  }

  /** The dashboard whose file is at the desired path. */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String path = filePath(attrs);
    if (path == null) {
      return Optional.empty();
    }
    JsonNode info = WorkspaceApi.listedStatusOfType(ctx, path, "DASHBOARD");
    return info == null ? Optional.empty() : Optional.ofNullable(Attrs.text(info, "resource_id"));
  }
}
