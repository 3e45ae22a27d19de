package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Content;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * databricks_notebook: notebooks in SOURCE format (one artifact per notebook, extension by language),
 * with their direct permissions in the same file. Import: mkdirs of the parent, import with
 * overwrite (create and update are the same call), delete. An existing notebook at the path is adopted.
 */
public final class NotebookKind extends WorkspaceObjectKind {
  public static final String TYPE = "databricks_notebook";
  private static final Map<String, String> EXTENSIONS = Map.of("PYTHON", ".py", "SCALA", ".scala", "SQL", ".sql", "R", ".r");

  public NotebookKind() {
    super(TYPE, "notebook", "NOTEBOOK", "SOURCE", "notebooks", "notebook_path");
  }

  @Override
  List<JsonNode> scanned(WorkspaceScan scan) {
    return scan.notebooks;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) throws IOException {
    String path = raw.path("path").asText();
    String language = raw.path("language").asText(null);
    ObjectNode attrs = TfJson.object();
    attrs.put("path", path);
    if (language != null) {
      attrs.put("language", language);
    }
    String extension = language == null ? "" : EXTENSIONS.getOrDefault(language, "");
    attrs.put("source", rendering.artifact(ArtifactPaths.relative(path, extension), Content.of(raw),
        sourceVersion(raw, "object_id", "modified_at", "language")));
    return attrs;
  }

  @Override
  void write(ApplyContext ctx, String path, ObjectNode attrs) throws IOException {
    String language = attrs.hasNonNull("language") ? attrs.get("language").asText() : languageOf(attrs.path("source").asText());
    WorkspaceApi.importContent(ctx, path, "SOURCE", language, WorkspaceApi.artifactBase64(ctx, attrs.get("source").asText()));
  }

  /** The language from the artifact's extension, for hand-written configs without {@code language}. */
  private static String languageOf(String source) {
    for (Map.Entry<String, String> e : EXTENSIONS.entrySet()) {
      if (source.endsWith(e.getValue())) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException("notebook source " + source + " has no language and no .py/.scala/.sql/.r extension");
  }
}
