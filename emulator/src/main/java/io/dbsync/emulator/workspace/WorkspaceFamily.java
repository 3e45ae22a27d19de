package io.dbsync.emulator.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Workspace 2.0 (api-reference §5): notebooks, directories and workspace files under
 * /api/2.0/workspace/{list,get-status,export,import,mkdirs,delete}. Built-ins: /, /Users, /Shared,
 * /Repos and the admin's home /Users/&lt;admin&gt;. Paths may carry the /Workspace prefix.
 *
 * <p>Seed format (key "workspace"): an array of
 * {@code {path, object_type: NOTEBOOK|FILE|DIRECTORY (default NOTEBOOK when language is set, else
 * FILE), language: PYTHON|SCALA|SQL|R, content: text | content_base64: base64}}; parent directories
 * are created as needed. {@link #dump()} returns the same shape (notebooks as content, files as
 * content_base64) plus object_id. Git folders (REPO) and dashboards (DASHBOARD) belong to the repos
 * and lakeview families: the dump lists them without content and the seed skips them.
 */
public final class WorkspaceFamily implements Family {
  static final long MAX_SIZE = 10_485_760L;

  private final TreeMap<String, WsNode> nodes = new TreeMap<>();
  private final List<Consumer<String>> removalListeners = new ArrayList<>();
  private Workspace workspace;

  @Override
  public String name() {
    return "workspace";
  }

  @Override
  public void register(Router router, Workspace ws) {
    this.workspace = ws;
    String base = "/api/2.0/workspace/";
    router.add("GET", base + "list", name(), this::list);
    router.add("GET", base + "get-status", name(), this::getStatus);
    router.add("GET", base + "export", name(), new WorkspaceExport(this)::export);
    router.add("POST", base + "import", name(), new WorkspaceImport(this)::importContent);
    router.add("POST", base + "mkdirs", name(), this::mkdirs);
    router.add("POST", base + "delete", name(), this::delete);
    ws.registerPermissionObject("notebooks", id -> hasObject(id, WsNode.Type.NOTEBOOK));
    ws.registerPermissionObject("directories", id -> hasObject(id, WsNode.Type.DIRECTORY));
    ws.registerPermissionObject("files", id -> hasObject(id, WsNode.Type.FILE));
    ws.registerPermissionObject("repos", id -> hasObject(id, WsNode.Type.REPO));
  }

  @Override
  public void builtIns(Workspace ws) {
    ensureDirectories("/Users");
    ensureDirectories("/Shared");
    ensureDirectories("/Repos");
    ensureDirectories("/Users/" + ws.adminUser());
  }

  // ---- API used by other families ----

  /** Creates a directory and its missing parents (a SCIM user's home, a repo's parent folder). */
  public void ensureDirectories(String path) {
    mkdirsAt(normalize(path));
  }

  /** Whether a workspace object exists at the path. */
  public boolean exists(String path) {
    return nodes.containsKey(normalize(path));
  }

  /** Registers a Git folder (object_type REPO) with the repo id as object id; parents are created. */
  public void addRepo(String path, long repoId) {
    String p = normalize(path);
    mkdirsAt(parentOf(p));
    if (nodes.containsKey(p)) {
      throw alreadyExists(p);
    }
    nodes.put(p, new WsNode(p, WsNode.Type.REPO, repoId, workspace.now()));
  }

  /**
   * Object ids of the folders above the object with this id, nearest first, without the root (for
   * permissions inherited from "/directories/&lt;id&gt;"); empty when there is no such object.
   */
  public List<Long> ancestorDirectoryIds(String objectId) {
    List<Long> out = new ArrayList<>();
    for (WsNode n : nodes.values()) {
      if (n.objectId != 0 && Long.toString(n.objectId).equals(objectId)) {
        for (String p = parentOf(n.path); !p.equals("/"); p = parentOf(p)) {
          WsNode dir = nodes.get(p);
          if (dir != null) {
            out.add(dir.objectId);
          }
        }
        break;
      }
    }
    return out;
  }

  /**
   * Removes an object and everything below it; missing paths are ignored. Listeners hear of every
   * Git folder and dashboard removed, so that their families forget them too.
   */
  public void removeTree(String path) {
    String p = normalize(path);
    List<WsNode> removed = new ArrayList<>();
    if (nodes.containsKey(p)) {
      removed.add(nodes.remove(p));
    }
    Map<String, WsNode> below = nodes.subMap(p + "/", p + "/\uffff");
    removed.addAll(below.values());
    below.clear();
    for (WsNode n : removed) {
      if (n.type == WsNode.Type.REPO || n.type == WsNode.Type.DASHBOARD) {
        removalListeners.forEach(l -> l.accept(n.path));
      }
    }
  }

  /** Registers a callback told the path of each Git folder or dashboard a delete removes. */
  public void onRemoved(Consumer<String> listener) {
    removalListeners.add(listener);
  }

  /** Whether the path is a folder (directory or Git folder). */
  public boolean isFolder(String path) {
    WsNode n = nodes.get(normalize(path));
    return n != null && n.isContainer();
  }

  /**
   * Registers a Lakeview dashboard file (object_type DASHBOARD, resource_id the dashboard id) holding
   * the serialized dashboard; the parent folder must exist. Returns the workspace object id.
   */
  public long addDashboard(String path, String dashboardId, byte[] content) {
    String p = normalize(path);
    requireParentDirectory(p);
    if (nodes.containsKey(p)) {
      throw alreadyExists(p);
    }
    WsNode n = new WsNode(p, WsNode.Type.DASHBOARD, workspace.nextId(), workspace.now());
    n.resourceId = dashboardId;
    n.content = content;
    nodes.put(p, n);
    return n.objectId;
  }

  /** Replaces the content of a workspace object (a dashboard's serialized form); a missing path is ignored. */
  public void setContent(String path, byte[] content) {
    WsNode n = nodes.get(normalize(path));
    if (n != null) {
      n.content = content;
      n.modifiedAt = workspace.now();
    }
  }

  /** Moves a non-folder object to a free path (a dashboard renamed); 400 when the target is taken. */
  public void move(String from, String to) {
    String src = normalize(from);
    String dst = normalize(to);
    if (src.equals(dst)) {
      return;
    }
    if (nodes.containsKey(dst)) {
      throw alreadyExists(dst);
    }
    WsNode n = require(src);
    nodes.remove(src);
    nodes.put(dst, n.movedTo(dst));
  }

  // ---- handlers ----

  private Response list(Request req) {
    WsNode node = require(normalize(req.requireQ("path")));
    if (!node.isContainer()) {
      ObjectNode out = Json.object();
      out.putArray("objects").add(node.info());
      return Response.ok(out);
    }
    Long modifiedAfter;
    try {
      modifiedAfter = req.q("notebooks_modified_after") == null ? null : Long.parseLong(req.q("notebooks_modified_after"));
    } catch (NumberFormatException e) {
      throw ApiException.invalidParameter("Invalid notebooks_modified_after: " + req.q("notebooks_modified_after"));
    }
    ArrayNode objects = Json.array();
    for (WsNode child : children(node.path)) {
      if (modifiedAfter != null && child.type == WsNode.Type.NOTEBOOK && child.modifiedAt <= modifiedAfter) {
        continue;
      }
      objects.add(child.info());
    }
    ObjectNode out = Json.object();
    if (!objects.isEmpty()) {
      out.set("objects", objects);
    }
    return Response.ok(out);
  }

  private Response getStatus(Request req) {
    return Response.ok(require(normalize(req.requireQ("path"))).info());
  }

  private Response mkdirs(Request req) {
    mkdirsAt(normalize(requireField(req.json(), "path")));
    return Response.empty();
  }

  private Response delete(Request req) {
    ObjectNode body = req.json();
    String path = normalize(requireField(body, "path"));
    if (path.equals("/")) {
      throw ApiException.invalidParameter("Cannot delete the root folder");
    }
    WsNode node = require(path);
    if (node.isContainer() && !children(path).isEmpty() && !body.path("recursive").asBoolean(false)) {
      throw new ApiException(400, "DIRECTORY_NOT_EMPTY", "Folder (" + path + ") is not empty.");
    }
    removeTree(path);
    return Response.empty();
  }

  // ---- shared with import/export ----

  Workspace workspace() {
    return workspace;
  }

  WsNode require(String path) {
    WsNode node = nodes.get(path);
    if (node == null) {
      throw ApiException.notFound("Path (" + path + ") doesn't exist.");
    }
    return node;
  }

  WsNode get(String path) {
    return nodes.get(path);
  }

  List<WsNode> children(String dir) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    List<WsNode> out = new ArrayList<>();
    for (WsNode n : nodes.tailMap(prefix, false).values()) {
      if (!n.path.startsWith(prefix)) {
        break;
      }
      if (n.path.indexOf('/', prefix.length()) < 0) {
        out.add(n);
      }
    }
    return out;
  }

  /** Every object strictly below a directory, in path order. */
  List<WsNode> descendants(String dir) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    return new ArrayList<>(nodes.subMap(prefix, false, prefix + "\uffff", false).values());
  }

  void requireParentDirectory(String path) {
    String parent = parentOf(path);
    WsNode p = nodes.get(parent);
    if (p == null || !p.isContainer()) {
      throw ApiException.notFound("Path (" + parent + ") doesn't exist.");
    }
  }

  /** Creates or replaces a notebook/file; the object id and creation time survive an overwrite. */
  WsNode put(String path, WsNode.Type type, NotebookFormat language, byte[] content) {
    WsNode old = nodes.get(path);
    long now = workspace.now();
    WsNode node = old != null && old.type == type
        ? old : new WsNode(path, type, old != null ? old.objectId : workspace.nextId(), now);
    node.language = language;
    node.content = content;
    node.modifiedAt = now;
    nodes.put(path, node);
    return node;
  }

  void mkdirsAt(String path) {
    String current = "";
    if (!nodes.containsKey("/")) {
      nodes.put("/", new WsNode("/", WsNode.Type.DIRECTORY, 0, workspace.now()));
    }
    for (String segment : path.substring(1).split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      current = current + "/" + segment;
      WsNode n = nodes.get(current);
      if (n == null) {
        nodes.put(current, new WsNode(current, WsNode.Type.DIRECTORY, workspace.nextId(), workspace.now()));
      } else if (!n.isContainer()) {
        throw ApiException.alreadyExists(current + " already exists and it is not a folder");
      }
    }
  }

  static ApiException alreadyExists(String path) {
    return ApiException.alreadyExists("Path (" + path + ") already exists.");
  }

  static String parentOf(String path) {
    int i = path.lastIndexOf('/');
    return i <= 0 ? "/" : path.substring(0, i);
  }

  static String requireField(JsonNode body, String field) {
    String v = Json.text(body, field);
    if (v == null || v.isEmpty()) {
      throw ApiException.invalidParameter("Missing required field: " + field);
    }
    return v;
  }

  /** Absolute path without the /Workspace alias prefix, duplicate or trailing slashes. */
  static String normalize(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw ApiException.invalidParameter("Missing required field: path");
    }
    if (!raw.startsWith("/")) {
      throw ApiException.invalidParameter("Path (" + raw + ") is not absolute.");
    }
    String p = raw.replaceAll("/+", "/");
    if (p.equals("/Workspace") || p.startsWith("/Workspace/")) {
      p = p.substring("/Workspace".length());
    }
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? "/" : p;
  }

  private boolean hasObject(String id, WsNode.Type type) {
    for (WsNode n : nodes.values()) {
      if (type == n.type && Long.toString(n.objectId).equals(id)) {
        return true;
      }
    }
    return false;
  }

  // ---- seed / dump ----

  @Override
  public JsonNode dump() {
    ArrayNode out = Json.array();
    for (WsNode n : nodes.values()) {
      if (n.path.equals("/")) {
        continue;
      }
      ObjectNode o = out.addObject();
      o.put("path", n.path);
      o.put("object_type", n.type.name());
      o.put("object_id", n.objectId);
      if (n.type == WsNode.Type.NOTEBOOK) {
        o.put("language", n.language.name());
        o.put("content", new String(n.content, StandardCharsets.UTF_8));
      } else if (n.type == WsNode.Type.FILE) {
        o.put("content_base64", Base64.getEncoder().encodeToString(n.content));
      }
    }
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace ws) {
    for (JsonNode item : seed) {
      String path = normalize(Json.text(item, "path"));
      String language = Json.text(item, "language");
      String type = Json.text(item, "object_type");
      if (type == null) {
        type = language != null ? "NOTEBOOK" : "FILE";
      }
      if (type.equals("DIRECTORY")) {
        mkdirsAt(path);
        continue;
      }
      if (type.equals("REPO") || type.equals("DASHBOARD")) {
        continue; // seeded by the repos and lakeview families, which own them
      }
      mkdirsAt(parentOf(path));
      byte[] content = item.has("content_base64")
          ? Base64.getDecoder().decode(item.get("content_base64").asText())
          : item.path("content").asText("").getBytes(StandardCharsets.UTF_8);
      if (type.equals("NOTEBOOK")) {
        put(path, WsNode.Type.NOTEBOOK, NotebookFormat.of(language == null ? "PYTHON" : language), content);
      } else {
        put(path, WsNode.Type.FILE, null, content);
      }
    }
  }

  Map<String, WsNode> nodes() {
    return nodes;
  }
}
