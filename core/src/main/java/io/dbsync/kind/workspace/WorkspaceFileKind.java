package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Content;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.List;

/**
 * databricks_workspace_file: workspace files (non-notebook objects) as their raw bytes, selected by
 * the {@code notebook} settings like notebooks, with their direct permissions. Imported with format
 * RAW so that a file whose text looks like a notebook stays a file.
 */
public final class WorkspaceFileKind extends WorkspaceObjectKind {
  public static final String TYPE = "databricks_workspace_file";

  public WorkspaceFileKind() {
    super(TYPE, "workspace_file", "FILE", "AUTO", "files", "workspace_file_path");
  }

  @Override
  List<JsonNode> scanned(WorkspaceScan scan) {
    return scan.files;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) throws IOException {
    String path = raw.path("path").asText();
    ObjectNode attrs = TfJson.object();
    attrs.put("path", path);
    attrs.put("source", rendering.artifact(ArtifactPaths.relative(path, ""), Content.of(raw), version(raw)));
    return attrs;
  }

  /** The modified time decides; the size is compared too when the API returns it (not always for files). */
  private JsonNode version(JsonNode raw) {
    JsonNode v = sourceVersion(raw, "object_id", "modified_at");
    return v != null && raw.hasNonNull("size") ? ((ObjectNode) v).set("size", raw.get("size")) : v;
  }

  @Override
  void write(ApplyContext ctx, String path, ObjectNode attrs) throws IOException {
    WorkspaceApi.importContent(ctx, path, "RAW", null, WorkspaceApi.artifactBase64(ctx, attrs.get("source").asText()));
  }
}
