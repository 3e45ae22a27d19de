package io.dbsync.kind.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.config.Globs;
import io.dbsync.config.KindSettings;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.identity.UserNames;
import io.dbsync.kind.permissions.WorkspacePaths;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The workspace objects selected by the {@code notebook} settings, listed once per export run
 * and shared by the notebook, directory and workspace-file kinds (one workspace/list per directory).
 *
 * <p>Selection follows the seed: {@code notebook_path} is a path or list of paths (default "/"); a
 * plain path selects everything below it, a glob ({@code *} within a segment, {@code **} across) is
 * walked from its literal prefix. {@code exclude_path} globs prune objects and whole subtrees;
 * {@code exclude_deleted_users} skips /Users/<name> folders of users no longer in the workspace.
 * /Repos is never walked, nor is any Git folder (REPO) or anything in one: Git folders are their own
 * kind, whose files come from git. Lakeview dashboards (DASHBOARD objects) are their own kind too.
 */
final class WorkspaceScan {
  /** Sorted by path. */
  final List<JsonNode> notebooks = new ArrayList<>();
  final List<JsonNode> files = new ArrayList<>();
  final List<JsonNode> directories = new ArrayList<>();
  /** Paths of selected directories that have no children at all. */
  final Set<String> emptyDirectories = new HashSet<>();

  private WorkspaceScan() {}

  /** The scans of one run, by settings: the first kind to ask scans, the others wait for that scan. */
  private static final class Scans {
    private final Map<JsonNode, CompletableFuture<WorkspaceScan>> bySettings = new HashMap<>();

    WorkspaceScan get(ExportContext ctx) throws IOException {
      JsonNode key = ctx.settings().raw();
      CompletableFuture<WorkspaceScan> scan;
      boolean owner = false;
      synchronized (this) {
        scan = bySettings.get(key);
        if (scan == null) {
          scan = new CompletableFuture<>();
          bySettings.put(key, scan);
          owner = true;
        }
      }
      if (owner) {
        try {
          scan.complete(fresh(ctx));
        } catch (IOException | RuntimeException e) {
          scan.completeExceptionally(e);
          synchronized (this) {
            bySettings.remove(key, scan); // a later kind of the run may try again
          }
          throw e;
        }
      }
      try {
        return scan.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw e;
      }
    }
  }

  /**
   * The scan for this context's settings, once per run: the exporter lists the notebook, directory
   * and workspace-file kinds (which share the "notebook" settings) possibly in parallel; the first
   * one scans, the others wait for and reuse that scan, so the workspace is listed once per run.
   */
  static WorkspaceScan of(ExportContext ctx) throws IOException {
    return ctx.shared(Scans.class, Scans::new).get(ctx);
  }

  private static WorkspaceScan fresh(ExportContext ctx) throws IOException {
    WorkspaceScan scan = new WorkspaceScan();
    scan.run(ctx);
    return scan;
  }

  private record Root(String base, Pattern include) {
    boolean includes(String path) {
      if (include != null) {
        return include.matcher(path).matches();
      }
      return path.equals(base) || base.equals("/") || path.startsWith(base + "/");
    }
  }

  private void run(ExportContext ctx) throws IOException {
    KindSettings settings = ctx.settings();
    WorkspaceClient client = ctx.client();
    List<String> selected = settings.strings("notebook_path");
    if (selected.isEmpty()) {
      selected = List.of("/");
    }
    Set<String> liveHomes = settings.bool("exclude_deleted_users", false) ? UserNames.of(ctx) : null;
    WorkspacePaths paths = WorkspacePaths.of(ctx);
    Map<String, JsonNode> nb = new TreeMap<>();
    Map<String, JsonNode> fl = new TreeMap<>();
    Map<String, JsonNode> dirs = new TreeMap<>();
    Set<String> visited = new HashSet<>();
    Map<String, JsonNode> listedDirs = new HashMap<>();
    // every folder listed in this run (empty: it does not exist); roots listed before are not listed again
    Map<String, Optional<JsonNode>> listed = new ConcurrentHashMap<>();
    for (String pattern : selected) {
      Root root = root(pattern);
      String repo = enclosingGitFolder(ctx, root.base());
      if (repo != null) {
        ctx.warn("notebook_path " + pattern + " is inside the Git folder " + repo
            + ", which is exported as a databricks_repo (its files come from git)");
        continue;
      }
      // Every folder is listed as soon as its parent's listing names it (a folder listing costs
      // one round trip, deep trees are mostly waiting, and waiting for a whole level would leave
      // the family's budget idle); the listings are then processed breadth first in sorted order,
      // one level at a time, so the result does not depend on timing.
      FolderWalk.walk(dir -> list(client, dir), root.base(), path -> skipped(settings, liveHomes, path), listed);
      List<String> level = List.of(root.base());
      while (!level.isEmpty()) {
        List<String> toList = new ArrayList<>();
        for (String dir : level) {
          if (visited.add(dir) && !skipped(settings, liveHomes, dir)) {
            toList.add(dir);
          }
        }
        List<String> next = new ArrayList<>();
        for (String dir : toList) {
          JsonNode listing = listed.get(dir).orElse(null);
          if (listing == null) {
            if (dir.equals(root.base())) {
              // a typo ("/Sahred") must not read as "everything under it was deleted" (review D5)
              throw new IOException("notebook_path " + pattern + ": " + dir + " does not exist in the source workspace;"
                  + " fix the path (previous files are kept)");
            }
            ctx.warn("notebook_path " + dir + " does not exist in the source workspace");
            continue;
          }
          JsonNode objects = listing.path("objects");
          boolean listsItself = objects.size() == 1 && dir.equals(objects.get(0).path("path").asText())
              && !"DIRECTORY".equals(objects.get(0).path("object_type").asText());
          if (!listsItself && root.includes(dir)) {
            JsonNode info = listedDirs.containsKey(dir) ? listedDirs.get(dir) : WorkspaceApi.status(ctx, dir);
            if (info != null) {
              dirs.putIfAbsent(dir, info);
            }
            if (objects.isEmpty()) {
              emptyDirectories.add(dir);
            }
          }
          for (JsonNode o : objects) {
            paths.remember(o);
            String path = o.path("path").asText();
            if (skipped(settings, liveHomes, path)) {
              continue;
            }
            switch (o.path("object_type").asText()) {
              case "NOTEBOOK" -> {
                if (root.includes(path) && settings.selection().selects(path, o)) {
                  nb.putIfAbsent(path, o);
                }
              }
              case "FILE" -> {
                if (root.includes(path) && settings.selection().selects(path, o)) {
                  fl.putIfAbsent(path, o);
                }
              }
              case "DIRECTORY" -> {
                if (!path.equals(dir)) {
                  listedDirs.put(path, o);
                  next.add(path);
                }
              }
              // Git folders and dashboards are their own kinds; a Git folder is never walked
              case "REPO", "DASHBOARD" -> { }
              default -> { }
            }
          }
        }
        next.sort(null);
        level = next;
      }
    }
    notebooks.addAll(nb.values());
    files.addAll(fl.values());
    directories.addAll(dirs.values());
  }

  /**
   * The Git folder holding {@code path} (or being it), or null: a notebook_path may point into one,
   * and what is in a Git folder comes from git, not from this export. One get-status per level.
   */
  private static String enclosingGitFolder(ExportContext ctx, String path) throws IOException {
    for (String p = path; p.lastIndexOf('/') > 0; p = p.substring(0, p.lastIndexOf('/'))) {
      JsonNode info = WorkspaceApi.status(ctx, p);
      if (info != null && "REPO".equals(info.path("object_type").asText())) {
        return p;
      }
    }
    return null;
  }

  /** One folder's workspace/list; null when the folder does not exist. */
  private static JsonNode list(WorkspaceClient client, String dir) throws IOException {
    try {
      return Rest.get(client, "/api/2.0/workspace/list", "path", dir);
    } catch (IOException | RuntimeException e) {
      if (Rest.isNotFound(e)) {
        return null;
      }
      throw e;
    }
  }

  private static boolean skipped(KindSettings settings, Set<String> liveHomes, String path) {
    if (path.equals("/Repos") || path.startsWith("/Repos/") || settings.selection().excludesPath(path)) {
      return true;
    }
    if (liveHomes != null && path.startsWith("/Users/")) {
      String[] parts = path.split("/");
      return parts.length >= 3 && !liveHomes.contains(parts[2]);
    }
    return false;
  }

  private static Root root(String pattern) {
    String p = pattern.length() > 1 && pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
    if (!p.contains("*") && !p.contains("?")) {
      return new Root(p.isEmpty() ? "/" : p, null);
    }
    List<String> literal = new ArrayList<>();
    for (String seg : p.split("/")) {
      if (seg.contains("*") || seg.contains("?")) {
        break;
      }
      if (!seg.isEmpty()) {
        literal.add(seg);
      }
    }
    return new Root("/" + String.join("/", literal), Globs.compile(p));
  }
}
