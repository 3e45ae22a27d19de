package io.dbsync.kind;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * "What is at this path?" answered from folder listings (the workspace tree, DBFS) instead of one
 * get-status per path: each folder is listed at most once per run ({@link RunListings}), walking down
 * from the root, so a folder that does not exist answers for its whole subtree without a call (an
 * import into an empty workspace lists "/" and "/Shared" and learns that nothing below
 * "/Shared/project" exists). The listing's entries are the objects as get-status returns them.
 */
public final class ListedFolders {
  /** Workspace objects that hold others and can be listed. */
  private static final Set<String> FOLDER_TYPES = java.util.Set.of("DIRECTORY", "REPO");

  /**
   * One tree's list endpoint.
   *
   * @param name       the listings' key prefix ("workspace", "dbfs")
   * @param listPath   the endpoint that lists one folder (query parameter {@code path}); 404 when it does not exist
   * @param arrayField the field of its answer that holds the children
   * @param isFolder   whether a listed child can be listed in turn
   * @param pathOf     a listed child's path, in the form the callers use
   */
  public record Tree(String name, String listPath, String arrayField, Predicate<JsonNode> isFolder,
                     Function<JsonNode, String> pathOf) {}

  /** The workspace tree (notebooks, files, folders, Git folders, dashboards); paths without the /Workspace prefix. */
  public static final Tree WORKSPACE = new Tree("workspace", "/api/2.0/workspace/list", "objects",
      o -> FOLDER_TYPES.contains(o.path("object_type").asText()),
      o -> o.path("path").asText().replaceFirst("^/Workspace(?=/)", ""));

  /** DBFS; paths without the dbfs: scheme. */
  public static final Tree DBFS = new Tree("dbfs", "/api/2.0/dbfs/list", "files",
      o -> o.path("is_dir").asBoolean(false),
      o -> o.path("path").asText().replaceFirst("^dbfs:", ""));

  private ListedFolders() {}

  /** The object at {@code path} (absolute, normalized) as its folder's listing shows it, or null when there is none. */
  public static JsonNode status(KindContext ctx, Tree tree, String path) throws IOException {
    if (path.equals("/")) {
      throw new IllegalArgumentException("the root has no listed status");
    }
    Map<String, JsonNode> siblings = children(ctx, tree, parent(path));
    return siblings == null ? null : siblings.get(path);
  }

  /** The children of {@code folder} by path, or null when the folder does not exist (or is not a folder). */
  public static Map<String, JsonNode> children(KindContext ctx, Tree tree, String folder) throws IOException {
    if (!folder.equals("/")) {
      Map<String, JsonNode> siblings = children(ctx, tree, parent(folder));
      JsonNode self = siblings == null ? null : siblings.get(folder);
      if (self == null || !tree.isFolder().test(self)) {
        return null;
      }
    }
    return RunListings.of(ctx).get(key(tree, folder), () -> {
      JsonNode listing = Rest.getOrNull(ctx.client(), tree.listPath(), "path", folder);
      if (listing == null) {
        return null;
      }
      Map<String, JsonNode> out = new HashMap<>();
      for (JsonNode child : listing.path(tree.arrayField())) {
        out.put(tree.pathOf().apply(child), child);
      }
      return Collections.unmodifiableMap(out);
    });
  }

  /** An object at {@code path} was written (created, overwritten): its folder is listed again when next asked. */
  public static void written(KindContext ctx, Tree tree, String path) {
    if (!path.equals("/")) {
      RunListings.of(ctx).changed(key(tree, parent(path)));
    }
  }

  /** {@code path} and the folders above it were made (mkdirs): each of their listings is read again. */
  public static void madeFolders(KindContext ctx, Tree tree, String path) {
    RunListings listings = RunListings.of(ctx);
    for (String p = path; ; p = parent(p)) {
      listings.changed(key(tree, p));
      if (p.equals("/")) {
        return;
      }
    }
  }

  /** The object at {@code path} and everything below it were deleted. */
  public static void deleted(KindContext ctx, Tree tree, String path) {
    written(ctx, tree, path);
    RunListings.of(ctx).changed(key(tree, path));
    RunListings.of(ctx).changedUnder(key(tree, path) + "/");
  }

  /** True when {@code path} is a plain absolute path this class can walk to ("/a/b", not "a", "/a/", "/a//b"). */
  public static boolean walkable(String path) {
    return path != null && path.startsWith("/") && !path.equals("/") && !path.endsWith("/") && !path.contains("//")
        && !path.contains("/./") && !path.contains("/../") && !path.endsWith("/.") && !path.endsWith("/..");
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static String key(Tree tree, String folder) {
    return tree.name() + ":" + folder;
  }
}
