package io.dbsync.kind.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.config.KindSettings;
import io.dbsync.config.Selection;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Content;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * databricks_dbfs_file: every file under the {@code dbfs_path} setting (a path or list; "dbfs:"
 * optional; a root that does not exist fails the listing), minus {@code exclude_path} globs, selected
 * by {@code patterns} / {@code by} on the path and listing fields, streamed to an artifact in 1 MB reads and uploaded
 * back with create/add-block/close. The provider has no Update, so any change replaces the file.
 */
public final class DbfsFileKind implements Kind {
  public static final String TYPE = "databricks_dbfs_file";

  private static final KindInfo INFO = KindInfo.exported(TYPE, "dbfs_file", "dbfs_file",
      "DBFS files (any size, streamed)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public boolean replaceOnAnyChange() {
    return true;
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    KindSettings settings = ctx.settings();
    Selection selection = settings.selection();
    List<String> roots = settings.strings("dbfs_path");
    if (roots.isEmpty()) {
      ctx.warn("dbfs_file: no dbfs_path configured, nothing exported");
    }
    Map<String, JsonNode> files = new TreeMap<>();
    for (String root : roots) {
      Deque<String> todo = new ArrayDeque<>();
      todo.add(Dbfs.normalize(root));
      while (!todo.isEmpty()) {
        String dir = todo.pop();
        if (selection.excludesPath(dir)) {
          continue;
        }
        JsonNode listing;
        try {
          listing = Rest.get(ctx.client(), "/api/2.0/dbfs/list", "path", dir);
        } catch (IOException | RuntimeException e) {
          if (Rest.isNotFound(e) && dir.equals(Dbfs.normalize(root))) {
            // a typo ("dbfs:/FileStroe") must not read as "every file was deleted" (review D5)
            throw new IOException("dbfs_path " + root + " does not exist in the source workspace; fix the path"
                + " (previous files are kept)", e);
          }
          if (Rest.isNotFound(e)) {
            continue; // removed while we listed
          }
          throw e;
        }
        for (JsonNode f : listing.path("files")) {
          String path = Dbfs.normalize(f.path("path").asText());
          if (selection.excludesPath(path)) {
            continue;
          }
          if (f.path("is_dir").asBoolean(false)) {
            if (!path.equals(dir)) {
              todo.add(path);
            }
          } else if (selection.selects(path, f)) {
            files.putIfAbsent(path, f);
          }
        }
      }
    }
    List<SourceObject> out = new ArrayList<>();
    files.forEach((path, info) -> out.add(new SourceObject(path, Names.safe(path), withContent(ctx.client(), info))));
    return out;
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    JsonNode info = Dbfs.status(ctx.client(), id);
    if (info == null || info.path("is_dir").asBoolean(false)) {
      return null;
    }
    return withContent(ctx.client(), info);
  }

  /** Attaches the lazy content stream (listing entries and get-status carry only metadata). */
  private static JsonNode withContent(WorkspaceClient client, JsonNode info) {
    String path = Dbfs.normalize(info.path("path").asText());
    return Content.attach(info, Dbfs.reader(client, path, info.path("file_size").asLong(0)));
  }

  @Override
  public ObjectNode exportConfig(ExportContext ctx, JsonNode raw) throws IOException {
    ObjectNode attrs = toConfig(raw, ctx.rendering());
    CustomMapVars.apply(attrs, ctx.settings(), ctx.rendering());
    return attrs;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) throws IOException {
    String path = Dbfs.normalize(raw.path("path").asText());
    ObjectNode attrs = TfJson.object();
    attrs.put("path", path);
    attrs.put("source", rendering.artifact(ArtifactPaths.relative(path, ""), Content.of(raw),
        Content.version(raw, "file_size", "modification_time")));
    return attrs;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String path = Dbfs.normalize(attrs.get("path").asText());
    upload(ctx, path, attrs);
    return path;
  }

  /** Never planned (replaceOnAnyChange); rewriting the whole file is still the correct update. */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    upload(ctx, id, attrs);
  }

  private static void upload(ApplyContext ctx, String path, ObjectNode attrs) throws IOException {
    try (InputStream in = ctx.openArtifact(attrs.get("source").asText())) {
      Dbfs.upload(ctx.client(), path, in);
    } finally {
      Dbfs.written(ctx, path);
    }
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Dbfs.delete(ctx.client(), id);
    Dbfs.written(ctx, id);
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String path = Dbfs.normalize(attrs.get("path").asText());
    JsonNode info = Dbfs.listedStatus(ctx, path);
    return info != null && !info.path("is_dir").asBoolean(false) ? Optional.of(path) : Optional.empty();
  }

  /** As {@link #read}, with the file info from its folder's listing (one per folder and run). */
  @Override
  public Optional<ObjectNode> refresh(ApplyContext ctx, String id) throws IOException {
    JsonNode info = Dbfs.listedStatus(ctx, id);
    return info == null || info.path("is_dir").asBoolean(false) ? Optional.empty()
        : Optional.of(toConfig(withContent(ctx.client(), info), ctx.rendering()));
  }
}
