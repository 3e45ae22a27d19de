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
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * databricks_notebook: notebooks in SOURCE format (one artifact per notebook, extension by language),
 * with their direct permissions in the same file. Import: mkdirs of the parent, import with
 * overwrite (create and update are the same call), delete. An existing notebook at the path is adopted.
 */
public final class NotebookKind implements Kind {
  public static final String TYPE = "databricks_notebook";
  private static final Map<String, String> EXTENSIONS = Map.of("PYTHON", ".py", "SCALA", ".scala", "SQL", ".sql", "R", ".r");

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
    return "notebook";
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("path");
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws Exception {
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode info : WorkspaceScan.of(ctx, TYPE).notebooks) {
      String path = info.path("path").asText();
      out.add(new SourceObject(path, Names.safe(path), info));
    }
    return out;
  }

  @Override
  public List<ExportedResource> export(ExportContext ctx, SourceObject obj) throws Exception {
    JsonNode info = obj.details() != null ? obj.details() : Ws.statusOfType(ctx.client(), obj.id(), "NOTEBOOK");
    if (info == null) {
      return List.of();
    }
    JsonNode raw = Content.attach(info, Ws.exporter(ctx.client(), obj.id(), "SOURCE"));
    List<ExportedResource> out = new ArrayList<>();
    ObjectNode attrs = toConfig(raw, ctx.rendering());
    CustomMapVars.apply(attrs, ctx.settings(), ctx.rendering());
    out.add(new ExportedResource(TYPE, obj.name(), attrs));
    PermissionsKind.export(ctx, "notebooks", info.path("object_id").asText(), "notebook_path",
        ctx.rendering().ref(TYPE, obj.id(), "id"), obj.name()).ifPresent(out::add);
    return out;
  }

  @Override
  public JsonNode read(WorkspaceClient client, String id) throws Exception {
    JsonNode info = Ws.statusOfType(client, id, "NOTEBOOK");
    return info == null ? null : Content.attach(info, Ws.exporter(client, id, "SOURCE"));
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) throws Exception {
    String path = raw.path("path").asText();
    String language = raw.path("language").asText(null);
    ObjectNode attrs = TfJson.object();
    attrs.put("path", path);
    if (language != null) {
      attrs.put("language", language);
    }
    String extension = language == null ? "" : EXTENSIONS.getOrDefault(language, "");
    attrs.put("source", rendering.artifact(ArtifactPaths.relative(path, extension), Content.of(raw)));
    return attrs;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws Exception {
    String path = attrs.get("path").asText();
    Ws.mkdirsParent(ctx.client(), path);
    write(ctx, path, attrs);
    return path;
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws Exception {
    write(ctx, id, attrs);
  }

  private static void write(ApplyContext ctx, String path, ObjectNode attrs) throws Exception {
    String language = attrs.hasNonNull("language") ? attrs.get("language").asText() : languageOf(attrs.path("source").asText());
    Ws.importContent(ctx.client(), path, "SOURCE", language, Ws.artifactBase64(ctx, attrs.get("source").asText()));
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

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws Exception {
    Ws.delete(ctx.client(), id, false);
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws Exception {
    String path = attrs.get("path").asText();
    return Optional.ofNullable(Ws.statusOfType(ctx.client(), path, "NOTEBOOK")).map(i -> path);
  }
}
