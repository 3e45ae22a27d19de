package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Workspace bindings: GET/PATCH /bindings/{securable_type}/{securable_name} with add/remove of
 * {workspace_id, binding_type} for catalogs, external locations and storage credentials, and the
 * older GET/PATCH /workspace-bindings/catalogs/{name} with assign_workspaces/unassign_workspaces.
 * A securable must be isolated (ISOLATED / ISOLATION_MODE_ISOLATED) to be bound (the Terraform docs
 * require it; the error for an open one is a guess). BINDING_TYPE_READ_ONLY is for catalogs only.
 * Bindings are metastore-admin operations: they work from a workspace the securable is not bound to.
 */
final class BindingsApi {
  private static final String READ_WRITE = "BINDING_TYPE_READ_WRITE";
  private static final String READ_ONLY = "BINDING_TYPE_READ_ONLY";

  private final UcContext ctx;

  BindingsApi(UcContext ctx) {
    this.ctx = ctx;
  }

  void register(UcRoutes r) {
    r.add("GET", "/bindings/{type}/{name}", this::get);
    r.add("PATCH", "/bindings/{type}/{name}", this::update);
    r.add("GET", "/workspace-bindings/catalogs/{name}", req -> Response.ok(workspaces(catalogKey(req))));
    r.add("PATCH", "/workspace-bindings/catalogs/{name}", this::updateCatalog);
  }

  private Response get(Request req) {
    UcType type = bindable(req.pathParam("type"));
    String key = existing(type, req.pathParam("name"));
    return Response.ok(Paging.page(req, bindings(type, key), b -> String.format("%020d", b.get("workspace_id").asLong()),
        "bindings", ctx.store.pageSize()));
  }

  private Response update(Request req) {
    UcType type = bindable(req.pathParam("type"));
    String key = existing(type, req.pathParam("name"));
    requireIsolated(type, key);
    JsonNode body = req.json();
    Map<Long, String> bound = ctx.store.bindings(type, key);
    for (JsonNode b : body.path("add")) {
      String bindingType = b.hasNonNull("binding_type") ? b.get("binding_type").asText() : READ_WRITE;
      if (!bindingType.equals(READ_WRITE) && !(bindingType.equals(READ_ONLY) && type == UcType.CATALOG)) {
        throw UcErrors.invalid("binding_type " + bindingType + " is not supported for " + type.pathName);
      }
      bound.put(workspaceId(b), bindingType);
    }
    for (JsonNode b : body.path("remove")) {
      bound.remove(workspaceId(b));
    }
    ObjectNode out = Json.object();
    List<ObjectNode> all = bindings(type, key);
    if (!all.isEmpty()) {
      out.putArray("bindings").addAll(all);
    }
    return Response.ok(out);
  }

  private Response updateCatalog(Request req) {
    String key = catalogKey(req);
    requireIsolated(UcType.CATALOG, key);
    Map<Long, String> bound = ctx.store.bindings(UcType.CATALOG, key);
    req.json().path("assign_workspaces").forEach(id -> bound.put(id.asLong(), READ_WRITE));
    req.json().path("unassign_workspaces").forEach(id -> bound.remove(id.asLong()));
    return Response.ok(workspaces(key));
  }

  private String catalogKey(Request req) {
    return existing(UcType.CATALOG, req.pathParam("name"));
  }

  private ObjectNode workspaces(String catalogKey) {
    ObjectNode out = Json.object();
    TreeMap<Long, String> bound = ctx.store.bindingsOrNull(UcType.CATALOG, catalogKey);
    if (bound != null && !bound.isEmpty()) {
      ArrayNode ids = out.putArray("workspaces");
      bound.keySet().forEach(ids::add);
    }
    return out;
  }

  private static UcType bindable(String name) {
    UcType t = UcType.parse(name);
    if (t != UcType.CATALOG && t != UcType.EXTERNAL_LOCATION && t != UcType.STORAGE_CREDENTIAL) {
      throw UcErrors.invalid("Workspace bindings are supported for catalog, external_location and storage_credential"
          + " securables (the emulator has no service credentials), got " + name);
    }
    return t;
  }

  private String existing(UcType type, String name) {
    String key = UcContext.key(name);
    ctx.require(type, key);
    return key;
  }

  private void requireIsolated(UcType type, String key) {
    ObjectNode o = ctx.store.get(type, key);
    if (!UcContext.isolated(o)) {
      throw UcErrors.invalid("Cannot update workspace bindings of " + type.noun + " '" + key + "': its isolation mode is "
          + Json.text(o, "isolation_mode") + "; make it isolated first.");
    }
  }

  private static long workspaceId(JsonNode binding) {
    JsonNode id = binding.get("workspace_id");
    if (id == null || !id.canConvertToLong()) {
      throw UcErrors.missing("workspace_id");
    }
    return id.asLong();
  }

  private List<ObjectNode> bindings(UcType type, String key) {
    List<ObjectNode> out = new ArrayList<>();
    TreeMap<Long, String> bound = ctx.store.bindingsOrNull(type, key);
    if (bound != null) {
      bound.forEach((ws, t) -> out.add(Json.object().put("workspace_id", ws).put("binding_type", t)));
    }
    return out;
  }
}
