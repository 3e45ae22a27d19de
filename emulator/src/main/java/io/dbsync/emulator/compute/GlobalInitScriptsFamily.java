package io.dbsync.emulator.compute;

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

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Global init scripts 2.0, REST-style (api-reference §3.5). Scripts are kept in run order and a
 * script's {@code position} is its index: inserting at an occupied position shifts that script and
 * the later ones by one; an omitted or too large position means last.
 *
 * <p>Seed format (key {@code "global-init-scripts"}): a JSON array of objects in the create shape
 * ({@code name}, {@code script} base64, {@code position}, {@code enabled}), each optionally with
 * {@code script_id}, applied in order like creates. {@link #dump()} returns the stored scripts
 * (with {@code script}) in position order.
 */
public final class GlobalInitScriptsFamily implements Family {
  private static final String BASE = "/api/2.0/global-init-scripts";
  private static final int MAX_SCRIPT_BYTES = 64 * 1024;

  private final List<ObjectNode> scripts = new ArrayList<>();
  private Workspace ws;

  @Override
  public String name() {
    return "global-init-scripts";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.ws = workspace;
    router.add("GET", BASE, name(), this::list);
    router.add("POST", BASE, name(), this::create);
    router.add("GET", BASE + "/{id}", name(), r -> Response.ok(Json.copy(require(r.pathParam("id")))));
    router.add("PATCH", BASE + "/{id}", name(), this::update);
    router.add("DELETE", BASE + "/{id}", name(), this::delete);
  }

  private ObjectNode require(String id) {
    for (ObjectNode s : scripts) {
      if (s.get("script_id").asText().equals(id)) {
        return s;
      }
    }
    throw ApiException.notFound("The global init script with id " + id + " does not exist.");
  }

  private Response list(Request req) {
    ObjectNode out = Json.object();
    if (!scripts.isEmpty()) {
      ArrayNode arr = out.putArray("scripts");
      for (ObjectNode s : scripts) {
        arr.add(Json.copy(s).without("script"));
      }
    }
    return Response.ok(out);
  }

  private Response create(Request req) {
    ObjectNode s = add(req.json(), ws.hexId16());
    return Response.ok(Json.object().put("script_id", s.get("script_id").asText()));
  }

  private ObjectNode add(JsonNode body, String id) {
    String name = Fields.requireText(body, "name");
    String script = Fields.requireText(body, "script");
    checkScript(script);
    Integer position = position(body);
    long now = ws.now();
    ObjectNode s = Json.object();
    s.put("script_id", id);
    s.put("name", name);
    s.put("script", script);
    s.put("enabled", body.path("enabled").asBoolean(false));
    s.put("created_at", now);
    s.put("created_by", ws.adminUser());
    s.put("updated_at", now);
    s.put("updated_by", ws.adminUser());
    insert(s, position);
    return s;
  }

  /** Unspecified fields keep their value; a new position moves the script. */
  private Response update(Request req) {
    ObjectNode s = require(req.pathParam("id"));
    ObjectNode body = req.json();
    String name = Json.text(body, "name");
    String script = Json.text(body, "script");
    if (name != null && name.isEmpty()) {
      throw ApiException.invalidParameter("Missing required field: name");
    }
    if (script != null) {
      checkScript(script);
      s.put("script", script);
    }
    if (name != null) {
      s.put("name", name);
    }
    if (body.hasNonNull("enabled")) {
      s.put("enabled", body.get("enabled").asBoolean());
    }
    Integer position = position(body);
    if (position != null) {
      scripts.remove(s);
      insert(s, position);
    }
    s.put("updated_at", ws.now());
    s.put("updated_by", ws.adminUser());
    return Response.empty();
  }

  private Response delete(Request req) {
    scripts.remove(require(req.pathParam("id")));
    renumber();
    return Response.empty();
  }

  private static Integer position(JsonNode body) {
    JsonNode p = body.get("position");
    if (p == null || p.isNull()) {
      return null;
    }
    if (!p.canConvertToInt() || p.asInt() < 0) {
      throw ApiException.invalidParameter("position must be a non-negative integer, got " + p);
    }
    return p.asInt();
  }

  private void insert(ObjectNode s, Integer position) {
    int at = position == null || position > scripts.size() ? scripts.size() : position;
    scripts.add(at, s);
    renumber();
  }

  private void renumber() {
    for (int i = 0; i < scripts.size(); i++) {
      scripts.get(i).put("position", i);
    }
  }

  private static void checkScript(String script) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(script);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParameter("The script must be base64-encoded");
    }
    if (bytes.length > MAX_SCRIPT_BYTES) {
      throw ApiException.invalidParameter("Script size (" + bytes.length + " bytes) exceeds the maximum of "
          + MAX_SCRIPT_BYTES + " bytes");
    }
  }

  @Override
  public JsonNode dump() {
    ArrayNode arr = Json.array();
    scripts.forEach(s -> arr.add(Json.copy(s)));
    return arr;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("global-init-scripts seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      String id = Json.text(item, "script_id");
      add(item, id != null ? id : workspace.hexId16());
    }
  }
}
