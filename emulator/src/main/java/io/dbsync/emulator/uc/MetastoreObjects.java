package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** What storage credentials, external locations and connections (objects directly in the metastore) share. */
final class MetastoreObjects {
  static final Set<String> ISOLATION_MODES = Set.of("ISOLATION_MODE_OPEN", "ISOLATION_MODE_ISOLATED");

  private MetastoreObjects() {}

  /** A new object named by body.name, the name free; returned with name and full_name, not stored. */
  static ObjectNode start(UcContext ctx, UcType type, JsonNode body) {
    String name = UcContext.name(body, "name");
    if (ctx.store.get(type, name) != null) {
      throw UcErrors.alreadyExists(type, name);
    }
    ObjectNode o = Json.object();
    o.put("name", name);
    o.put("full_name", name);
    return o;
  }

  /** Lists the objects this workspace may use (all of them with include_unbound=true), rendered. */
  static Response list(UcContext ctx, Request req, UcType type, String field, Function<ObjectNode, ObjectNode> render) {
    boolean unbound = "true".equalsIgnoreCase(req.q("include_unbound"));
    List<ObjectNode> visible = ctx.store.all(type).stream()
        .filter(o -> unbound || ctx.boundHere(type, o.get("name").asText(), o))
        .map(render).toList();
    return Response.ok(Paging.page(req, visible, o -> o.get("name").asText(), field, ctx.store.pageSize()));
  }

  /** Applies owner, isolation_mode and the given text/boolean fields of an update body. */
  static void update(UcContext ctx, ObjectNode o, JsonNode body, String... fields) {
    ctx.updateOwner(o, body);
    String mode = Json.text(body, "isolation_mode");
    if (mode != null) {
      if (!ISOLATION_MODES.contains(mode)) {
        throw UcErrors.invalid("isolation_mode must be one of " + ISOLATION_MODES + ", got " + mode);
      }
      o.put("isolation_mode", mode);
    }
    for (String f : fields) {
      JsonNode v = body.get(f);
      if (v != null && !v.isNull()) {
        o.set(f, Json.copy(v));
      }
    }
  }

  /**
   * Applies new_name; objects of another type that name this one in a field (credential_name,
   * connection_name) follow the rename. referrers null: nothing refers to the object by name.
   */
  static void rename(UcContext ctx, UcType type, ObjectNode o, JsonNode body, UcType referrers, String field) {
    if (!body.hasNonNull("new_name")) {
      return;
    }
    String oldName = o.get("name").asText();
    String newName = UcContext.name(body, "new_name");
    if (newName.equals(oldName)) {
      return;
    }
    if (ctx.store.get(type, newName) != null) {
      throw UcErrors.alreadyExists(type, newName);
    }
    ctx.store.rename(type, oldName, newName);
    o.put("name", newName);
    o.put("full_name", newName);
    for (ObjectNode r : referrers == null ? List.<ObjectNode>of() : ctx.store.all(referrers)) {
      if (oldName.equals(Json.text(r, field))) {
        r.put(field, newName);
      }
    }
  }
}
