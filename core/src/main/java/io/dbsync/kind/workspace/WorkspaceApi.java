package io.dbsync.kind.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.KeyedLocks;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.ListedFolders;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.permissions.WorkspacePaths;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workspace 2.0 calls shared by the notebook, directory and workspace-file kinds, and by the kinds
 * whose objects live in a workspace folder (Git folders, queries, alerts, dashboards).
 */
public final class WorkspaceApi {
  /** The workspace import/export limit: content above it is rejected by the API anyway. */
  static final long MAX_CONTENT = 10L * 1024 * 1024;

  private WorkspaceApi() {}

  /** get-status, or null when nothing exists at the path. Records the object id for permissions. */
  public static JsonNode status(KindContext ctx, String path) throws IOException {
    JsonNode info = Rest.getOrNull(ctx.client(), "/api/2.0/workspace/get-status", "path", path);
    WorkspacePaths.of(ctx).remember(info);
    return info;
  }

  /** The object at the path when it has the given type, else null. */
  public static JsonNode statusOfType(KindContext ctx, String path, String objectType) throws IOException {
    JsonNode info = status(ctx, path);
    return info != null && objectType.equals(info.path("object_type").asText()) ? info : null;
  }

  /**
   * The object at the path as its folder's listing shows it (the same object info get-status returns),
   * else null: one workspace/list per folder and run instead of a get-status per object
   * ({@link ListedFolders}). A path the listings cannot walk to is asked with get-status.
   */
  public static JsonNode listedStatus(KindContext ctx, String path) throws IOException {
    if (!ListedFolders.walkable(path) || path.startsWith("/Workspace/")) {
      return status(ctx, path);
    }
    JsonNode info = ListedFolders.status(ctx, ListedFolders.WORKSPACE, path);
    WorkspacePaths.of(ctx).remember(info);
    return info;
  }

  /** {@link #listedStatus} when the object has the given type, else null. */
  public static JsonNode listedStatusOfType(KindContext ctx, String path, String objectType) throws IOException {
    JsonNode info = listedStatus(ctx, path);
    return info != null && objectType.equals(info.path("object_type").asText()) ? info : null;
  }

  /** An object was written at {@code path} outside this class (a Git folder, a dashboard): its folder is listed again. */
  public static void written(KindContext ctx, String path) {
    if (ListedFolders.walkable(path)) {
      ListedFolders.written(ctx, ListedFolders.WORKSPACE, path);
    }
  }

  /** Writes the exported bytes of an object (notebook SOURCE, file bytes) to the artifact stream. */
  static Rendering.ArtifactWriter exporter(WorkspaceClient client, String path, String format) {
    return out -> {
      JsonNode r = Rest.get(client, "/api/2.0/workspace/export", "path", path, "format", format);
      out.write(Base64.getDecoder().decode(r.path("content").asText("")));
    };
  }

  /** The artifact behind a resolved {@code source}, base64-encoded for workspace/import (bounded by 10 MB). */
  static String artifactBase64(ApplyContext ctx, String source) throws IOException {
    long size = ctx.artifactSize(source);
    if (size > MAX_CONTENT) {
      throw new IOException("artifact " + source + " has " + size + " bytes; the workspace import limit is " + MAX_CONTENT);
    }
    try (InputStream in = ctx.openArtifact(source)) {
      return Base64.getEncoder().encodeToString(in.readAllBytes());
    }
  }

  static void mkdirs(WorkspaceClient client, String path) throws IOException {
    Rest.post(client, "/api/2.0/workspace/mkdirs", TfJson.object().put("path", path));
  }

  /** mkdirs, and the run's listings of the folder and those above it are read again when next asked for. */
  static void mkdirs(KindContext ctx, String path) throws IOException {
    mkdirs(ctx.client(), path);
    if (ListedFolders.walkable(path)) {
      ListedFolders.madeFolders(ctx, ListedFolders.WORKSPACE, path);
    }
  }

  /**
   * Folders this run already made sure of: importing 500 notebooks into 50 folders takes 50 mkdirs, not
   * 500, also when the notebooks of one folder are imported in parallel (one mkdirs per folder at a time).
   */
  private static final class KnownFolders {
    final Set<String> paths = ConcurrentHashMap.newKeySet();
    final KeyedLocks making = new KeyedLocks();
  }

  static void mkdirsParent(KindContext ctx, String path) throws IOException {
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      ensureFolder(ctx, path.substring(0, slash));
    }
  }

  /** Makes the folder (and its parents) once per run. */
  public static void ensureFolder(KindContext ctx, String folder) throws IOException {
    KnownFolders known = ctx.shared(KnownFolders.class, KnownFolders::new);
    if (known.paths.contains(folder)) {
      return;
    }
    known.making.with(folder, () -> {
      if (!known.paths.contains(folder)) {
        mkdirs(ctx, folder);
        known.paths.add(folder);
      }
      return null;
    });
  }

  /**
   * The path without the {@code /Workspace} prefix the newer APIs may put before it ("/Workspace/Users/a"
   * is "/Users/a"), so that exports do not depend on which form an API answered with.
   */
  public static String withoutWorkspacePrefix(String path) {
    return path == null ? null : path.replaceFirst("^/Workspace(?=/)", "");
  }

  /** workspace/import with overwrite; the run's listing of the object's folder is read again when next asked for. */
  static void importContent(KindContext ctx, String path, String format, String language, String base64)
      throws IOException {
    try {
      importContent(ctx.client(), path, format, language, base64);
    } finally {
      written(ctx, path);
    }
  }

  /** workspace/import with overwrite; {@code language} only for notebooks. */
  static void importContent(WorkspaceClient client, String path, String format, String language, String base64)
      throws IOException {
    ObjectNode body = TfJson.object().put("path", path).put("format", format).put("content", base64).put("overwrite", true);
    if (language != null) {
      body.put("language", language);
    }
    try {
      Rest.post(client, "/api/2.0/workspace/import", body);
    } catch (IOException | RuntimeException e) {
      int slash = path.lastIndexOf('/');
      if (!Rest.isNotFound(e) || slash <= 0) {
        throw e;
      }
      // the parent was removed since this client created it (the folder cache is stale): make it again
      mkdirs(client, path.substring(0, slash));
      Rest.post(client, "/api/2.0/workspace/import", body);
    }
  }

  /** workspace/delete; a path that is already gone is fine. */
  static void delete(KindContext ctx, String path, boolean recursive) throws IOException {
    Rest.postTolerantOfGone(ctx.client(), "/api/2.0/workspace/delete",
        TfJson.object().put("path", path).put("recursive", recursive));
    WorkspacePaths.of(ctx).forget(path);
    if (ListedFolders.walkable(path)) {
      ListedFolders.deleted(ctx, ListedFolders.WORKSPACE, path);
    }
  }
}
