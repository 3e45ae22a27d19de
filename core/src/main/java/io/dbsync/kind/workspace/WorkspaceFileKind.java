package io.dbsync.kind.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * databricks_workspace_file: workspace files (non-notebook objects) as their raw bytes, selected by
 * the {@code notebook} settings like notebooks, with their direct permissions. Imported with format
 * RAW so that a file whose text looks like a notebook stays a file.
 */
public final class WorkspaceFileKind implements Kind {
  public static final String TYPE = "databricks_workspace_file";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String configKey() {
    return "notebook";
  }

  @Override
  public String directory() {
    return "workspace_file";
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("path");
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws Exception {
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode info : WorkspaceScan.of(ctx, TYPE).files) {
      String path = info.path("path").asText();
      out.add(new SourceObject(path, Names.safe(path), info));
    }
    return out;
  }

  @Override
  public List<ExportedResource> export(ExportContext ctx, SourceObject obj) throws Exception {
    JsonNode info = obj.details() != null ? obj.details() : Ws.statusOfType(ctx.client(), obj.id(), "FILE");
    if (info == null) {
      return List.of();
    }
    JsonNode raw = Content.attach(info, Ws.exporter(ctx.client(), obj.id(), "AUTO"));
    List<ExportedResource> out = new ArrayList<>();
    ObjectNode attrs = toConfig(raw, ctx.rendering());
    CustomMapVars.apply(attrs, ctx.settings(), ctx.rendering());
    out.add(new ExportedResource(TYPE, obj.name(), attrs));
    PermissionsKind.export(ctx, "files", info.path("object_id").asText(), "workspace_file_path",
        ctx.rendering().ref(TYPE, obj.id(), "id"), obj.name()).ifPresent(out::add);
    return out;
  }

  @Override
  public JsonNode read(WorkspaceClient client, String id) throws Exception {
    JsonNode info = Ws.statusOfType(client, id, "FILE");
    return info == null ? null : Content.attach(info, Ws.exporter(client, id, "AUTO"));
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) throws Exception {
    String path = raw.path("path").asText();
    ObjectNode attrs = TfJson.object();
    attrs.put("path", path);
    attrs.put("source", rendering.artifact(ArtifactPaths.relative(path, ""), Content.of(raw)));
    return attrs;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws Exception {
    String path = attrs.get("path").asText();
    Ws.mkdirsParent(ctx.client(), path);
    Ws.importContent(ctx.client(), path, "RAW", null, Ws.artifactBase64(ctx, attrs.get("source").asText()));
    return path;
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws Exception {
    Ws.importContent(ctx.client(), id, "RAW", null, Ws.artifactBase64(ctx, attrs.get("source").asText()));
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws Exception {
    Ws.delete(ctx.client(), id, false);
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws Exception {
    String path = attrs.get("path").asText();
    return Optional.ofNullable(Ws.statusOfType(ctx.client(), path, "FILE")).map(i -> path);
  }
}
