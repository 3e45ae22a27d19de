package io.dbsync.emulator.settings;

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
import io.dbsync.emulator.support.Checks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IP access lists 2.0 (/api/2.0/ip-access-lists): create, get, list (one page), replace (PUT: label,
 * list_type and enabled required), update (PATCH: the fields given) and delete. Lists hold IPv4
 * addresses or CIDR ranges; all lists together hold at most {@value #MAX_VALUES} values (400
 * QUOTA_EXCEEDED, as documented). Nothing is enforced: requests from any address pass, so the
 * "would block your own IP" check (INVALID_STATE) never fires.
 *
 * <p>Seed format (key {@code "ip-access-lists"}): an array of create bodies, each optionally with
 * {@code list_id} and {@code enabled}. {@link #dump()} returns the lists as get does.
 */
public final class IpAccessListsFamily implements Family {
  static final int MAX_VALUES = 1000;
  private static final String BASE = "/api/2.0/ip-access-lists";
  private static final Pattern IPV4 = Pattern.compile(
      "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(/(3[0-2]|[12]?\\d))?");

  private final Map<String, ObjectNode> lists = new LinkedHashMap<>();
  private Workspace ws;

  @Override
  public String name() {
    return "ip-access-lists";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.ws = workspace;
    router.add("POST", BASE, name(), req -> wrap(create(req.json(), ws.uuid())));
    router.add("GET", BASE, name(), req -> {
      ObjectNode out = Json.object();
      if (!lists.isEmpty()) {
        ArrayNode arr = out.putArray("ip_access_lists");
        lists.values().forEach(l -> arr.add(Json.copy(l)));
      }
      return Response.ok(out);
    });
    router.add("GET", BASE + "/{id}", name(), req -> wrap(require(req.pathParam("id"))));
    router.add("PUT", BASE + "/{id}", name(), req -> change(req, true));
    router.add("PATCH", BASE + "/{id}", name(), req -> change(req, false));
    router.add("DELETE", BASE + "/{id}", name(), req -> {
      lists.remove(require(req.pathParam("id")).get("list_id").asText());
      return Response.empty();
    });
  }

  private static Response wrap(ObjectNode list) {
    return Response.ok(Json.object().set("ip_access_list", Json.copy(list)));
  }

  private ObjectNode require(String id) {
    ObjectNode l = id == null ? null : lists.get(id);
    if (l == null) {
      throw ApiException.notFound("Can't find an IP access list with id: " + id + ".");
    }
    return l;
  }

  private ObjectNode create(JsonNode body, String id) {
    ObjectNode l = Json.object();
    l.put("list_id", id);
    l.put("label", Fields.requireText(body, "label"));
    l.put("list_type", Fields.requireText(body, "list_type"));
    l.set("ip_addresses", body.path("ip_addresses").isArray() ? body.get("ip_addresses").deepCopy() : Json.array());
    l.put("enabled", body.path("enabled").asBoolean(true));
    l.put("created_at", ws.now());
    store(l);
    return l;
  }

  /** Checks a list (type, addresses, the total quota), counts its addresses and stores it. */
  private void store(ObjectNode l) {
    Checks.oneOf("list_type", Json.text(l, "list_type"), List.of("ALLOW", "BLOCK"));
    for (JsonNode ip : l.get("ip_addresses")) {
      if (!IPV4.matcher(ip.asText()).matches()) {
        throw ApiException.invalidParameter("Invalid IP address or CIDR: " + ip.asText());
      }
    }
    l.put("address_count", l.get("ip_addresses").size());
    l.put("updated_at", ws.now());
    long total = lists.values().stream().filter(o -> !o.get("list_id").equals(l.get("list_id")))
        .mapToLong(o -> o.get("address_count").asLong()).sum() + l.get("address_count").asLong();
    if (total > MAX_VALUES) {
      throw ApiException.badRequest("QUOTA_EXCEEDED", "IP access lists can hold at most " + MAX_VALUES
          + " IP addresses or CIDR ranges in total, this change would make " + total + ".");
    }
    lists.put(l.get("list_id").asText(), l);
  }

  private Response change(Request req, boolean replace) {
    ObjectNode current = require(req.pathParam("id"));
    ObjectNode body = req.json();
    ObjectNode l = Json.copy(current);
    if (replace) {
      Fields.requireText(body, "label");
      Fields.requireText(body, "list_type");
      if (!body.path("enabled").isBoolean()) {
        throw ApiException.invalidParameter("Missing required field: enabled");
      }
      l.set("ip_addresses", Json.array());
    }
    if (body.has("label") && Json.text(body, "label") != null) {
      l.put("label", Fields.requireText(body, "label"));
    }
    for (String f : List.of("list_type", "enabled", "ip_addresses")) {
      if (body.hasNonNull(f)) {
        l.set(f, body.get(f).deepCopy());
      }
    }
    store(l);
    return Response.empty();
  }

  @Override
  public JsonNode dump() {
    ArrayNode out = Json.array();
    lists.values().forEach(l -> out.add(Json.copy(l)));
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("ip-access-lists seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      create(item, item.hasNonNull("list_id") ? Json.text(item, "list_id") : ws.uuid());
    }
  }
}
