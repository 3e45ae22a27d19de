package io.dbsync.emulator.sql;

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
import io.dbsync.emulator.scim.ScimFamily;
import io.dbsync.emulator.support.Pages;
import io.dbsync.emulator.support.Times;
import io.dbsync.emulator.workspace.WorkspaceFamily;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the new DBSQL object APIs (/api/2.0/sql/queries, /api/2.0/sql/alerts) share: the object
 * travels wrapped ({@code {"query": {...}}}) on create and update; update takes an
 * {@code update_mask} (comma-separated field names, {@code *} for all: masked fields absent from the
 * body are cleared, except the owner, which stays); delete moves the object to the trash (get still returns it with
 * {@code lifecycle_state: TRASHED}, list, update, delete and permissions no longer see it); list
 * pages {@code results} with {@code page_size} (default {@value #DEFAULT_PAGE}, at most
 * {@value #MAX_PAGE}) and {@code page_token}, and omits {@code parent_path}.
 *
 * <p>An object lives in a workspace folder ({@code parent_path}, default the caller's home; it must
 * exist) and its display name is unique among the active objects of its kind in that folder: a clash
 * is 400 RESOURCE_ALREADY_EXISTS unless {@code auto_resolve_display_name} asks for a " (n)" suffix.
 *
 * <p>Seed format: an array of objects in the create shape (unwrapped), each optionally with
 * {@code id}, {@code owner_user_name} and {@code lifecycle_state}. {@link #dump()} returns them as
 * get does.
 */
abstract class SqlObjectsFamily implements Family {
  static final int DEFAULT_PAGE = 20;
  static final int MAX_PAGE = 100;

  /**
   * The API path, the wrapper key and label ("query", "Query"), the permissions request type
   * ("queries") and the fields create and update accept.
   */
  record Shape(String base, String wrapper, String label, String permissionType, List<String> createFields,
               List<String> updateFields) {}

  private final Map<String, ObjectNode> objects = new LinkedHashMap<>();
  private final Shape shape;
  protected Workspace ws;

  SqlObjectsFamily(Shape shape) {
    this.shape = shape;
  }

  /** A field list with one more field, sorted (the create and update field sets of a shape). */
  static List<String> plus(List<String> fields, String extra) {
    return java.util.stream.Stream.concat(fields.stream(), java.util.stream.Stream.of(extra)).sorted().toList();
  }

  /** Field checks and computed fields of a new object (defaults, evaluation state). */
  protected abstract void initialize(ObjectNode object);

  /** Checks of an object about to be stored (after create or update). */
  protected abstract void validate(ObjectNode object);

  @Override
  public void register(Router router, Workspace workspace) {
    this.ws = workspace;
    router.add("POST", shape.base, name(), req -> Response.ok(Json.copy(create(req.json()))));
    router.add("GET", shape.base, name(), this::list);
    router.add("GET", shape.base + "/{id}", name(), req -> Response.ok(Json.copy(require(req.pathParam("id")))));
    router.add("PATCH", shape.base + "/{id}", name(), this::update);
    router.add("DELETE", shape.base + "/{id}", name(), req -> {
      ObjectNode o = requireActive(req.pathParam("id"));
      o.put("lifecycle_state", "TRASHED");
      o.put("update_time", Times.iso(ws.now()));
      return Response.empty();
    });
    workspace.registerPermissionObject(shape.permissionType, this::isActive);
  }

  /** Exists and is not in the trash. */
  boolean isActive(String id) {
    ObjectNode o = id == null ? null : objects.get(id);
    return o != null && "ACTIVE".equals(Json.text(o, "lifecycle_state"));
  }

  private ObjectNode require(String id) {
    ObjectNode o = id == null ? null : objects.get(id);
    if (o == null) {
      throw ApiException.notFound(shape.label + " " + id + " does not exist.");
    }
    return o;
  }

  private ObjectNode requireActive(String id) {
    if (!isActive(id)) {
      throw ApiException.notFound(shape.label + " " + id + " does not exist.");
    }
    return objects.get(id);
  }

  private ObjectNode create(ObjectNode body) {
    ObjectNode given = Fields.requireObject(body, shape.wrapper);
    return store(given, ws.uuid(), body.path("auto_resolve_display_name").asBoolean(false));
  }

  private ObjectNode store(JsonNode given, String id, boolean autoResolve) {
    ObjectNode o = Json.object();
    o.put("id", id);
    for (String f : shape.createFields) {
      if (given.hasNonNull(f)) {
        o.set(f, Fields.withoutNulls(given.get(f)));
      }
    }
    String parent = Json.text(o, "parent_path") != null ? Json.text(o, "parent_path") : "/Users/" + ws.adminUser();
    parent = parent.replaceFirst("^/Workspace(?=/)", "");
    if (!ws.family(WorkspaceFamily.class).isFolder(parent)) {
      throw ApiException.notFound("Path (" + parent + ") doesn't exist.");
    }
    o.put("parent_path", parent);
    String now = Times.iso(ws.now());
    o.put("create_time", now);
    o.put("update_time", now);
    o.put("owner_user_name", ws.adminUser());
    o.put("lifecycle_state", "ACTIVE");
    initialize(o);
    Fields.requireText(o, "display_name");
    resolveDisplayName(o, autoResolve);
    validate(o);
    objects.put(id, o);
    return o;
  }

  /** Display names are unique per folder among active objects; auto-resolve appends " (n)". */
  private void resolveDisplayName(ObjectNode o, boolean autoResolve) {
    String base = Json.text(o, "display_name");
    String candidate = base;
    for (int n = 1; clashes(o, candidate); n++) {
      if (!autoResolve) {
        throw ApiException.alreadyExists(shape.label + " with display name '" + base + "' already exists in "
            + Json.text(o, "parent_path") + ".");
      }
      candidate = base + " (" + n + ")";
    }
    o.put("display_name", candidate);
  }

  private boolean clashes(ObjectNode o, String displayName) {
    for (ObjectNode other : objects.values()) {
      if (!other.get("id").asText().equals(o.get("id").asText()) && isActive(other.get("id").asText())
          && displayName.equals(Json.text(other, "display_name"))
          && Json.text(o, "parent_path").equals(Json.text(other, "parent_path"))) {
        return true;
      }
    }
    return false;
  }

  private Response update(Request req) {
    ObjectNode current = requireActive(req.pathParam("id"));
    ObjectNode body = req.json();
    String mask = Fields.requireText(body, "update_mask");
    JsonNode given = body.path(shape.wrapper);
    List<String> fields = mask.trim().equals("*") ? shape.updateFields : Arrays.stream(mask.split(",")).map(String::trim).toList();
    ObjectNode updated = Json.copy(current);
    for (String f : fields) {
      if (!shape.updateFields.contains(f)) {
        throw ApiException.invalidParameter("Invalid update_mask: field '" + f + "' cannot be updated. Updatable fields: "
            + String.join(", ", shape.updateFields));
      }
      if (given.hasNonNull(f)) {
        updated.set(f, Fields.withoutNulls(given.get(f)));
      } else if (!f.equals("owner_user_name")) { // an object always has an owner
        updated.remove(f);
      }
    }
    Fields.requireText(updated, "display_name");
    if (given.hasNonNull("owner_user_name") && fields.contains("owner_user_name")) {
      checkUser(Json.text(updated, "owner_user_name"));
    }
    resolveDisplayName(updated, body.path("auto_resolve_display_name").asBoolean(false));
    validate(updated);
    updated.put("update_time", Times.iso(ws.now()));
    objects.put(current.get("id").asText(), updated);
    return Response.ok(Json.copy(updated));
  }

  private void checkUser(String userName) {
    if (!ws.family(ScimFamily.class).userExists(userName)) {
      throw ApiException.invalidParameter("User " + userName + " does not exist.");
    }
  }

  private Response list(Request req) {
    int size = Pages.size(req, "page_size", DEFAULT_PAGE, MAX_PAGE);
    List<ObjectNode> active = new ArrayList<>(objects.values().stream().filter(o -> isActive(o.get("id").asText())).toList());
    return Response.ok(Pages.of(active, req.q("page_token"), size).toJson("results", o -> Json.copy(o).without("parent_path")));
  }

  @Override
  public JsonNode dump() {
    ArrayNode out = Json.array();
    objects.values().forEach(o -> out.add(Json.copy(o)));
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException(name() + " seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      ObjectNode o = store(item, item.hasNonNull("id") ? Json.text(item, "id") : ws.uuid(), false);
      if (item.hasNonNull("owner_user_name")) {
        o.put("owner_user_name", Json.text(item, "owner_user_name"));
      }
      if ("TRASHED".equals(Json.text(item, "lifecycle_state"))) {
        o.put("lifecycle_state", "TRASHED");
      }
    }
  }
}
