package io.dbsync.kind.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.ListedFolders;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;

/** DBFS 2.0 streaming: reads and uploads in 1 MB blocks, so files of any size never sit in memory. */
final class Dbfs {
  /** The API's limit for one read and one add-block. */
  static final int BLOCK = 1024 * 1024;

  private Dbfs() {}

  /** Absolute DBFS path without the "dbfs:" scheme. */
  static String normalize(String path) {
    String p = path.startsWith("dbfs:") ? path.substring("dbfs:".length()) : path;
    return p.startsWith("/") ? p : "/" + p;
  }

  /** get-status, or null when nothing exists there. */
  static JsonNode status(WorkspaceClient client, String path) throws IOException {
    return Rest.getOrNull(client, "/api/2.0/dbfs/get-status", "path", path);
  }

  /**
   * The file info at the path as its folder's listing shows it (what get-status returns), else null:
   * one dbfs/list per folder and run instead of a get-status per file ({@link ListedFolders}).
   */
  static JsonNode listedStatus(KindContext ctx, String path) throws IOException {
    return ListedFolders.walkable(path) ? ListedFolders.status(ctx, ListedFolders.DBFS, path) : status(ctx.client(), path);
  }

  /** The file at {@code path} was written (uploads make missing parent folders) or deleted: listings are read again. */
  static void written(KindContext ctx, String path) {
    if (ListedFolders.walkable(path)) {
      ListedFolders.madeFolders(ctx, ListedFolders.DBFS, path);
    }
  }

  /** Streams the file's bytes: 1 MB reads until a short or empty read past the listed size. */
  static Rendering.ArtifactWriter reader(WorkspaceClient client, String path, long listedSize) {
    return out -> {
      long offset = 0;
      while (true) {
        JsonNode r = Rest.get(client, "/api/2.0/dbfs/read", "path", path,
            "offset", Long.toString(offset), "length", Integer.toString(BLOCK));
        long n = r.path("bytes_read").asLong(0);
        if (n <= 0) {
          return;
        }
        out.write(Base64.getDecoder().decode(r.path("data").asText("")));
        offset += n;
        if (n < BLOCK && offset >= listedSize) {
          return;
        }
      }
    };
  }

  /** create(overwrite) + add-block per 1 MB + close. */
  static void upload(WorkspaceClient client, String path, InputStream in) throws IOException {
    JsonNode created = Rest.post(client, "/api/2.0/dbfs/create", TfJson.object().put("path", path).put("overwrite", true));
    long handle = created.path("handle").asLong();
    Base64.Encoder b64 = Base64.getEncoder();
    while (true) {
      byte[] block = in.readNBytes(BLOCK);
      if (block.length == 0) {
        break;
      }
      Rest.post(client, "/api/2.0/dbfs/add-block", TfJson.object().put("handle", handle).put("data", b64.encodeToString(block)));
      if (block.length < BLOCK) {
        break;
      }
    }
    Rest.post(client, "/api/2.0/dbfs/close", TfJson.object().put("handle", handle));
  }

  /** dbfs/delete; a path that is already gone is fine. */
  static void delete(WorkspaceClient client, String path) throws IOException {
    Rest.postTolerantOfGone(client, "/api/2.0/dbfs/delete", TfJson.object().put("path", path).put("recursive", false));
  }
}
