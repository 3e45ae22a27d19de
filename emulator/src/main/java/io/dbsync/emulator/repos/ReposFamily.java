package io.dbsync.emulator.repos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.compute.Fields;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;
import io.dbsync.emulator.support.Pages;
import io.dbsync.emulator.workspace.WorkspaceFamily;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Repos 2.0, the Git folders (api-reference §10): create, get, update (branch or tag), delete and
 * list ({@code path_prefix}, default /Repos; pages of {@value #PAGE_SIZE} with the
 * {@code next_page_token} query parameter). A Git folder is also a workspace object of type REPO whose
 * object id is the repo id: it shows in workspace/list, and deleting it (or a folder above it)
 * through the workspace API deletes the repo. Nothing is cloned: the HEAD commit is a stable hash of
 * the URL and the checked-out branch or tag; the default branch is {@code main}. A repo checked out
 * at a tag is in detached HEAD and reports no branch.
 *
 * <p>Paths under /Repos must be /Repos/{folder}/{name} (the folder is created); elsewhere the parent
 * folder must exist. Without a path the repo goes to /Repos/{caller}/{last URL segment}.
 *
 * <p>Seed format (key {@code "repos"}): an array of create bodies ({@code url, provider, path?,
 * sparse_checkout?}), each optionally with {@code id}, {@code branch} or {@code tag}.
 * {@link #dump()} returns the repos as get returns them, plus {@code tag} for detached ones.
 */
public final class ReposFamily implements Family {
  static final int PAGE_SIZE = 20;
  private static final String BASE = "/api/2.0/repos";
  /** Canonical spellings; the API accepts any case. */
  private static final List<String> PROVIDERS = List.of("gitHub", "gitHubEnterprise", "bitbucketCloud", "bitbucketServer",
      "azureDevOpsServices", "gitLab", "gitLabEnterpriseEdition", "awsCodeCommit");

  /** Repo id -> repo, as get returns it plus the internal "tag" of a detached checkout. */
  private final Map<Long, ObjectNode> repos = new TreeMap<>();
  private Workspace ws;

  @Override
  public String name() {
    return "repos";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.ws = workspace;
    router.add("POST", BASE, name(), req -> Response.ok(view(create(req.json(), null))));
    router.add("GET", BASE, name(), this::list);
    router.add("GET", BASE + "/{id}", name(), req -> Response.ok(view(require(req.pathParam("id")))));
    router.add("PATCH", BASE + "/{id}", name(), this::update);
    router.add("DELETE", BASE + "/{id}", name(), req -> {
      workspace().removeTree(Json.text(require(req.pathParam("id")), "path"));
      return Response.empty();
    });
  }

  @Override
  public void builtIns(Workspace workspace) {
    workspace().onRemoved(path -> repos.values().removeIf(r -> path.equals(Json.text(r, "path"))));
  }

  private WorkspaceFamily workspace() {
    return ws.family(WorkspaceFamily.class);
  }

  private ObjectNode require(String rawId) {
    long id;
    try {
      id = Long.parseLong(rawId);
    } catch (NumberFormatException e) {
      throw ApiException.invalidParameter("Invalid repo id: " + rawId);
    }
    ObjectNode repo = repos.get(id);
    if (repo == null) {
      throw ApiException.notFound("Repo " + rawId + " does not exist.");
    }
    return repo;
  }

  private ObjectNode create(JsonNode body, Long seededId) {
    String url = Fields.requireText(body, "url");
    if (!url.matches("(?i)https?://.+")) {
      throw ApiException.invalidParameter("Invalid Git repository URL: " + url);
    }
    String provider = provider(Fields.requireText(body, "provider"));
    String path = Json.text(body, "path") != null ? Json.text(body, "path") : defaultPath(url);
    path = checkPath(path.replaceFirst("^/Workspace(?=/)", ""));
    long id = seededId != null ? seededId : ws.nextId();
    ObjectNode repo = Json.object();
    repo.put("id", id);
    repo.put("path", path);
    repo.put("url", url);
    repo.put("provider", provider);
    if (body.hasNonNull("sparse_checkout")) {
      repo.set("sparse_checkout", Fields.withoutNulls(body.get("sparse_checkout")));
    }
    checkout(repo, Json.text(body, "branch"), Json.text(body, "tag"));
    workspace().addRepo(path, id);
    repos.put(id, repo);
    return repo;
  }

  private static String provider(String given) {
    for (String p : PROVIDERS) {
      if (p.equalsIgnoreCase(given)) {
        return p;
      }
    }
    throw ApiException.invalidParameter("Invalid Git provider: " + given + ". Supported providers: " + String.join(", ", PROVIDERS));
  }

  private String defaultPath(String url) {
    String name = url.replaceAll("/+$", "").replaceAll("\\.git$", "");
    return "/Repos/" + ws.adminUser() + "/" + name.substring(name.lastIndexOf('/') + 1);
  }

  /** /Repos/{folder}/{name} (the folder is created) or any path whose parent folder exists. */
  private String checkPath(String path) {
    if (!path.startsWith("/")) {
      throw ApiException.invalidParameter("Path (" + path + ") is not absolute.");
    }
    String[] parts = path.substring(1).split("/");
    if (parts[0].equals("Repos")) {
      if (parts.length != 3) {
        throw ApiException.invalidParameter("Repo path " + path + " is invalid: a Git folder in /Repos must be at /Repos/{folder}/{repo-name}");
      }
      workspace().ensureDirectories("/Repos/" + parts[1]);
    } else {
      String parent = path.substring(0, path.lastIndexOf('/'));
      if (!workspace().isFolder(parent.isEmpty() ? "/" : parent)) {
        throw ApiException.notFound("Path (" + parent + ") doesn't exist.");
      }
    }
    return path;
  }

  /** Checks out a branch (default main) or a tag (detached HEAD: no branch). */
  private static void checkout(ObjectNode repo, String branch, String tag) {
    if (branch != null && tag != null) {
      throw ApiException.invalidParameter("Only one of branch and tag can be specified");
    }
    repo.remove(List.of("branch", "tag"));
    String ref = tag != null ? tag : branch != null ? branch : "main";
    repo.put(tag != null ? "tag" : "branch", ref);
    repo.put("head_commit_id", sha1(Json.text(repo, "url") + "@" + ref));
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Response update(Request req) {
    ObjectNode repo = require(req.pathParam("id"));
    ObjectNode body = req.json();
    String branch = Json.text(body, "branch");
    String tag = Json.text(body, "tag");
    if (body.hasNonNull("sparse_checkout")) {
      if (!repo.has("sparse_checkout")) {
        throw ApiException.invalidParameter("Sparse checkout is not enabled for repo " + repo.get("id").asLong());
      }
      repo.set("sparse_checkout", Fields.withoutNulls(body.get("sparse_checkout")));
    }
    if (branch != null || tag != null) {
      checkout(repo, branch, tag);
    }
    return Response.empty();
  }

  private Response list(Request req) {
    String prefix = req.q("path_prefix");
    String p = prefix == null ? "" : prefix.replaceFirst("^/Workspace(?=/|$)", "");
    String effective = p.isEmpty() || p.equals("/") ? "/Repos" : p;
    List<ObjectNode> matching = repos.values().stream()
        .filter(r -> Json.text(r, "path").startsWith(effective))
        .sorted((a, b) -> Json.text(a, "path").compareTo(Json.text(b, "path")))
        .toList();
    return Response.ok(Pages.of(matching, req.q("next_page_token"), PAGE_SIZE).toJson("repos", ReposFamily::view));
  }

  /** The API form: without the internal tag. */
  private static ObjectNode view(ObjectNode repo) {
    return Json.copy(repo).without("tag");
  }

  @Override
  public JsonNode dump() {
    ArrayNode out = Json.array();
    repos.values().forEach(r -> out.add(Json.copy(r)));
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("repos seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      create(item, item.hasNonNull("id") ? item.get("id").asLong() : null);
    }
  }
}
