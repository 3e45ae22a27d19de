package io.dbsync.emulator.dashboards;

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
import io.dbsync.emulator.support.Times;
import io.dbsync.emulator.workspace.WorkspaceFamily;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AI/BI (Lakeview) dashboards 2.0: create, get, update (PATCH: the fields given), trash, list
 * ({@code page_size} default {@value #DEFAULT_PAGE}, {@code page_token}, {@code show_trashed}; list
 * items leave out etag, paths, the serialized form and update_time) and the published version
 * (publish, get, unpublish).
 *
 * <p>A dashboard is the workspace file {@code <parent_path>/<display_name>.lvdash.json} (object_type
 * DASHBOARD, resource_id the dashboard id) holding the serialized dashboard, which workspace export
 * returns. The parent folder must exist (404), the file name must be free (400
 * RESOURCE_ALREADY_EXISTS); renaming moves the file. Trashing (or deleting the file through the
 * workspace API) keeps the dashboard readable with {@code lifecycle_state: TRASHED}, removes the file
 * and the published version; trashing again is 403 PERMISSION_DENIED. The etag is a number that grows
 * with every update; an update naming a stale etag is 409 ABORTED. The serialized form is stored as
 * {@link SerializedDashboard} describes. Warehouses are not checked.
 *
 * <p>Seed format (key {@code "lakeview"}): an array of dashboards in the create shape, each optionally
 * with {@code dashboard_id}, {@code lifecycle_state} and {@code published: {warehouse_id?,
 * embed_credentials?}}; parent folders are created. {@link #dump()} returns the dashboards as get
 * does, each with its {@code published} version when there is one.
 */
public final class LakeviewFamily implements Family {
  static final int DEFAULT_PAGE = 100;
  private static final String BASE = "/api/2.0/lakeview/dashboards";

  private final Map<String, ObjectNode> dashboards = new LinkedHashMap<>();
  private final Map<String, ObjectNode> published = new LinkedHashMap<>();
  private Workspace ws;

  @Override
  public String name() {
    return "lakeview";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.ws = workspace;
    router.add("POST", BASE, name(), req -> Response.ok(Json.copy(create(req.json(), req, ws.uuid().replace("-", "")))));
    router.add("GET", BASE, name(), this::list);
    router.add("GET", BASE + "/{id}", name(), req -> Response.ok(Json.copy(require(req.pathParam("id")))));
    router.add("PATCH", BASE + "/{id}", name(), this::update);
    router.add("DELETE", BASE + "/{id}", name(), this::trash);
    router.add("POST", BASE + "/{id}/published", name(), this::publish);
    router.add("GET", BASE + "/{id}/published", name(), req -> Response.ok(Json.copy(requirePublished(req.pathParam("id")))));
    router.add("DELETE", BASE + "/{id}/published", name(), req -> {
      require(req.pathParam("id"));
      published.remove(req.pathParam("id"));
      return Response.empty();
    });
    workspace.registerPermissionObject("dashboards", this::isActive);
  }

  @Override
  public void builtIns(Workspace workspace) {
    files().onRemoved(path -> dashboards.values().stream()
        .filter(d -> path.equals(Json.text(d, "path")) && isActive(Json.text(d, "dashboard_id")))
        .toList().forEach(this::moveToTrash));
  }

  private WorkspaceFamily files() {
    return ws.family(WorkspaceFamily.class);
  }

  private boolean isActive(String id) {
    ObjectNode d = id == null ? null : dashboards.get(id);
    return d != null && "ACTIVE".equals(Json.text(d, "lifecycle_state"));
  }

  private ObjectNode require(String id) {
    ObjectNode d = id == null ? null : dashboards.get(id);
    if (d == null) {
      throw ApiException.notFound("Unable to find dashboard [" + id + "]");
    }
    return d;
  }

  private ObjectNode requirePublished(String id) {
    ObjectNode p = published.get(id);
    if (p == null) {
      throw ApiException.notFound("Unable to find published dashboard [" + id + "]");
    }
    return p;
  }

  private ObjectNode create(JsonNode body, Request req, String id) {
    String displayName = displayName(body);
    String parent = Json.text(body, "parent_path") != null ? Json.text(body, "parent_path") : "/Users/" + ws.adminUser();
    parent = parent.replaceFirst("^/Workspace(?=/)", "");
    if (!files().isFolder(parent)) {
      throw ApiException.notFound("Path (" + parent + ") doesn't exist.");
    }
    String path = fileIn(parent, displayName);
    ObjectNode d = Json.object();
    d.put("dashboard_id", id);
    d.put("display_name", displayName);
    d.put("parent_path", parent);
    d.put("path", path);
    d.put("lifecycle_state", "ACTIVE");
    if (body.hasNonNull("warehouse_id")) {
      d.put("warehouse_id", Json.text(body, "warehouse_id"));
    }
    if (body.hasNonNull("serialized_dashboard")) {
      d.put("serialized_dashboard", SerializedDashboard.normalize(Json.text(body, "serialized_dashboard"),
          req == null ? null : req.q("dataset_catalog"), req == null ? null : req.q("dataset_schema")));
    }
    String now = Times.iso(ws.now());
    d.put("create_time", now);
    d.put("update_time", now);
    d.put("etag", Long.toString(ws.nextId()));
    files().addDashboard(path, id, content(d));
    dashboards.put(id, d);
    return d;
  }

  private static String displayName(JsonNode body) {
    String name = Fields.requireText(body, "display_name");
    if (name.contains("/")) {
      throw ApiException.invalidParameter("Dashboard display name must not contain '/': " + name);
    }
    return name;
  }

  /** The dashboard file in a folder; 400 RESOURCE_ALREADY_EXISTS when another object has its name. */
  private String fileIn(String parent, String displayName) {
    String path = (parent.equals("/") ? "" : parent) + "/" + displayName + ".lvdash.json";
    if (files().exists(path)) {
      throw ApiException.alreadyExists("Node named '" + displayName + ".lvdash.json' already exists");
    }
    return path;
  }

  private static byte[] content(ObjectNode d) {
    return Json.text(d, "serialized_dashboard") == null ? new byte[0]
        : Json.text(d, "serialized_dashboard").getBytes(StandardCharsets.UTF_8);
  }

  private Response update(Request req) {
    ObjectNode d = require(req.pathParam("id"));
    if (!isActive(req.pathParam("id"))) {
      throw ApiException.invalidState("Dashboard " + req.pathParam("id") + " is in the trash.");
    }
    ObjectNode body = req.json();
    String etag = Json.text(body, "etag");
    if (etag != null && !etag.equals(Json.text(d, "etag"))) {
      throw new ApiException(409, "ABORTED", "The dashboard has been modified since etag " + etag + " was issued.");
    }
    if (body.hasNonNull("display_name") && !Json.text(body, "display_name").equals(Json.text(d, "display_name"))) {
      String name = displayName(body);
      String path = fileIn(Json.text(d, "parent_path"), name);
      files().move(Json.text(d, "path"), path);
      d.put("display_name", name);
      d.put("path", path);
    }
    if (body.hasNonNull("serialized_dashboard")) {
      d.put("serialized_dashboard", SerializedDashboard.normalize(Json.text(body, "serialized_dashboard"),
          req.q("dataset_catalog"), req.q("dataset_schema")));
      files().setContent(Json.text(d, "path"), content(d));
    }
    if (body.hasNonNull("warehouse_id")) {
      d.put("warehouse_id", Json.text(body, "warehouse_id"));
    }
    d.put("update_time", Times.iso(ws.now()));
    d.put("etag", Long.toString(Long.parseLong(Json.text(d, "etag")) + 1));
    return Response.ok(Json.copy(d));
  }

  private Response trash(Request req) {
    ObjectNode d = require(req.pathParam("id"));
    if (!isActive(req.pathParam("id"))) {
      throw new ApiException(403, "PERMISSION_DENIED", "Dashboard " + req.pathParam("id") + " is already in the trash.");
    }
    moveToTrash(d);
    return Response.empty();
  }

  private void moveToTrash(ObjectNode d) {
    d.put("lifecycle_state", "TRASHED");
    d.put("update_time", Times.iso(ws.now()));
    published.remove(Json.text(d, "dashboard_id"));
    files().removeTree(Json.text(d, "path"));
  }

  private Response publish(Request req) {
    String id = req.pathParam("id");
    ObjectNode d = require(id);
    if (!isActive(id)) {
      throw ApiException.invalidState("Dashboard " + id + " is in the trash.");
    }
    published.put(id, publishedVersion(d, req.json()));
    return Response.ok(Json.copy(published.get(id)));
  }

  private ObjectNode publishedVersion(ObjectNode d, JsonNode body) {
    ObjectNode p = Json.object();
    p.put("display_name", Json.text(d, "display_name"));
    p.put("embed_credentials", body.path("embed_credentials").asBoolean(false));
    p.put("revision_create_time", Times.iso(ws.now()));
    String warehouse = body.hasNonNull("warehouse_id") ? Json.text(body, "warehouse_id") : Json.text(d, "warehouse_id");
    if (warehouse != null) {
      p.put("warehouse_id", warehouse);
    }
    return p;
  }

  private Response list(Request req) {
    boolean showTrashed = Fields.boolQuery(req, "show_trashed");
    List<ObjectNode> visible = dashboards.values().stream()
        .filter(d -> showTrashed || isActive(Json.text(d, "dashboard_id"))).toList();
    return Response.ok(Pages.of(visible, req.q("page_token"), Pages.size(req, "page_size", DEFAULT_PAGE, 1000))
        .toJson("dashboards", d -> Json.copy(d).without(List.of("etag", "parent_path", "path", "serialized_dashboard", "update_time"))));
  }

  @Override
  public JsonNode dump() {
    ArrayNode out = Json.array();
    dashboards.forEach((id, d) -> {
      ObjectNode o = out.addObject().setAll(Json.copy(d));
      if (published.containsKey(id)) {
        o.set("published", Json.copy(published.get(id)));
      }
    });
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("lakeview seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      if (item.hasNonNull("parent_path")) {
        files().ensureDirectories(Json.text(item, "parent_path"));
      }
      String id = item.hasNonNull("dashboard_id") ? Json.text(item, "dashboard_id") : ws.uuid().replace("-", "");
      ObjectNode d = create(item, null, id);
      if (item.hasNonNull("published")) {
        published.put(id, publishedVersion(d, item.get("published")));
      }
      if ("TRASHED".equals(Json.text(item, "lifecycle_state"))) {
        moveToTrash(d);
      }
    }
  }
}
