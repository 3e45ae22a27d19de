package io.dbsync.kind.repos;

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
import io.dbsync.kind.workspace.WorkspaceApi;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * databricks_repo: a Git folder, exported as what to clone (URL, provider, path, branch, sparse
 * checkout patterns), never as its files: the import clones it again from git, and the notebook
 * kinds skip everything inside a Git folder, so nothing is exported twice. A Git folder checked out
 * at a tag (detached HEAD) reports no branch and is cloned at its default branch. Cloning a private
 * repository needs a Git credential of the importing principal in the target.
 *
 * <p>Listing: the Repos API serves /Repos when asked without a prefix, so it is asked once per
 * top-level workspace folder (/Repos, /Users, /Shared, ...) to find Git folders anywhere. Paths are
 * unique: a Git folder already at the desired path is adopted. URL, provider, path and sparse
 * checkout force a replace (re-clone); branch changes check out in place.
 */
public final class RepoKind implements Kind {
  public static final String TYPE = "databricks_repo";
  static final String BASE = "/api/2.0/repos";

  private static final KindInfo INFO = KindInfo.exported(TYPE, "repo", "repo",
      "Git folders (Repos: URL, branch, path; their files come from git)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("url", "git_provider", "path", "sparse_checkout");
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    Selection sel = ctx.settings().selection();
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode r : listAll(ctx)) {
      String path = WorkspaceApi.withoutWorkspacePrefix(Attrs.text(r, "path"));
      if (Attrs.text(r, "url") != null && sel.selects(path, r) && !sel.excludesPath(path)) {
        out.add(new SourceObject(Attrs.text(r, "id"), Names.safe(path), r));
      }
    }
    return out;
  }

  /** Every Git folder of the workspace, by path: one prefixed listing per top-level folder. */
  private static List<JsonNode> listAll(KindContext ctx) throws IOException {
    Map<String, JsonNode> byPath = new TreeMap<>();
    JsonNode top = Rest.get(ctx.client(), "/api/2.0/workspace/list", "path", "/");
    for (JsonNode o : top.path("objects")) {
      String folder = Attrs.text(o, "path");
      if (!"DIRECTORY".equals(Attrs.text(o, "object_type")) || folder == null) {
        continue;
      }
      for (JsonNode r : TokenPages.all(ctx.client(), BASE, Map.of("path_prefix", folder), "repos", "next_page_token")) {
        String path = WorkspaceApi.withoutWorkspacePrefix(Attrs.text(r, "path"));
        if (path != null && path.startsWith(folder + "/")) {
          byPath.putIfAbsent(path, r);
        }
      }
    }
    return new ArrayList<>(byPath.values());
  }

  /** The Git folder's direct permissions. */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    return PermissionsKind.forObject(ctx, "repos", obj.id(), "repo_id", ctx.rendering().ref(TYPE, obj.id(), "id"),
        "repo_" + obj.name());
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    return Rest.getOrNull(ctx.client(), BASE + "/" + id);
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    Attrs.copy(raw, out, "url", "branch");
    Attrs.rename(raw, "provider", out, "git_provider");
    out.put("path", WorkspaceApi.withoutWorkspacePrefix(Attrs.text(raw, "path")));
    JsonNode patterns = raw.path("sparse_checkout").get("patterns");
    if (patterns != null && patterns.isArray() && !patterns.isEmpty()) {
      out.putObject("sparse_checkout").set("patterns", patterns.deepCopy());
    }
    return TfJson.prune(out);
  }

  /**
   * Clones, then checks out the branch or tag (the create call takes neither). A path outside /Repos
   * needs its folder; /Repos/&lt;folder&gt; is made by the API.
   */
  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    ObjectNode body = TfJson.object();
    Attrs.copy(attrs, body, "url", "path", "sparse_checkout");
    Attrs.rename(attrs, "git_provider", body, "provider");
    String path = Attrs.text(attrs, "path");
    if (path != null && !path.startsWith("/Repos/")) {
      int slash = path.lastIndexOf('/');
      if (slash > 0) {
        WorkspaceApi.ensureFolder(ctx, path.substring(0, slash));
      }
    }
    String id = Rest.post(ctx.client(), BASE, body).get("id").asText();
    if (path != null) {
      WorkspaceApi.written(ctx, path);
    }
    if (attrs.hasNonNull("branch") || attrs.hasNonNull("tag")) {
      checkout(ctx, id, attrs);
    }
    return id;
  }

  /** Checks out the desired branch or tag (patterns of an existing sparse checkout go along). */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    checkout(ctx, id, attrs);
  }

  private static void checkout(ApplyContext ctx, String id, ObjectNode attrs) throws IOException {
    ObjectNode body = TfJson.object();
    Attrs.copy(attrs, body, attrs.hasNonNull("tag") ? "tag" : "branch");
    Attrs.copy(attrs, body, "sparse_checkout");
    if (!body.isEmpty()) {
      Rest.patch(ctx.client(), BASE + "/" + id, body);
    }
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Rest.deleteTolerantOfGone(ctx.client(), BASE + "/" + id);
    String path = prior == null ? null : Attrs.text(prior, "path");
    if (path != null) {
      WorkspaceApi.written(ctx, path);
    }
  }

  /** The Git folder at the desired path (its workspace object names the repo). */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String path = Attrs.text(attrs, "path");
    JsonNode info = path == null ? null : WorkspaceApi.listedStatusOfType(ctx, path, "REPO");
    if (info == null) {
      return Optional.empty();
    }
    String resource = Attrs.text(info, "resource_id");
    return Optional.of(resource != null && !resource.isEmpty() ? resource : Attrs.text(info, "object_id"));
  }
}
