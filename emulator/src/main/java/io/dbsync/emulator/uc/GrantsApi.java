package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Grants on every securable: GET/PATCH /permissions/{securable_type}/{full_name} and GET
 * /effective-permissions/{securable_type}/{full_name}. PATCH takes changes [{principal, add[],
 * remove[]}]; privileges are upper-cased with spaces as underscores ("USE CATALOG" is USE_CATALOG, as
 * the API accepts), must apply to the securable type, and a principal receiving privileges must
 * exist. GET lists explicit grants only (the owner holds no grant); effective permissions add those
 * inherited from the schema and catalog, filtered to privileges that apply to the securable. Both
 * GETs take principal and paginate per principal (max_results 0 or >= 150); the newer
 * /privilege-assignments and /effective-privilege-assignments lists page with page_size.
 */
final class GrantsApi {
  private final UcContext ctx;

  GrantsApi(UcContext ctx) {
    this.ctx = ctx;
  }

  void register(UcRoutes r) {
    r.add("GET", "/permissions/{type}/{full_name}", this::get);
    r.add("PATCH", "/permissions/{type}/{full_name}", this::update);
    r.add("GET", "/effective-permissions/{type}/{full_name}", req -> Response.ok(page(req, effective(req))));
    r.add("GET", "/privilege-assignments/{type}/{full_name}", req -> Response.ok(Paging.page(req, "page_size",
        direct(req), a -> a.get("principal").asText(), "privilege_assignments", Paging.Unset.SERVER_PAGE,
        ctx.store.pageSize(), 1)));
    r.add("GET", "/effective-privilege-assignments/{type}/{full_name}", req -> Response.ok(Paging.page(req, "page_size",
        effective(req), a -> a.get("principal").asText(), "effective_privilege_assignments", Paging.Unset.SERVER_PAGE,
        ctx.store.pageSize(), 1)));
  }

  private Response get(Request req) {
    return Response.ok(page(req, direct(req)));
  }

  /** The explicit grants on the securable a request names (of its principal parameter, if any). */
  private List<ObjectNode> direct(Request req) {
    UcType type = Securables.type(req.pathParam("type"));
    String key = Securables.key(ctx, type, req.pathParam("full_name"));
    return assignments(type, key, req.q("principal"));
  }

  private Response update(Request req) {
    UcType type = Securables.type(req.pathParam("type"));
    String key = Securables.key(ctx, type, req.pathParam("full_name"));
    JsonNode changes = req.json().get("changes");
    if (changes == null || !changes.isArray()) {
      throw UcErrors.missing("changes");
    }
    for (JsonNode change : changes) {
      String principal = UcContext.required(change, "principal");
      apply(type, key, principal, strings(change.get("add")), true);
      apply(type, key, principal, strings(change.get("remove")), false);
    }
    ObjectNode out = Json.object();
    if (!req.json().path("omit_permissions_in_response").asBoolean(false)) {
      List<ObjectNode> all = assignments(type, key, null);
      if (!all.isEmpty()) {
        out.putArray("privilege_assignments").addAll(all);
      }
    }
    return Response.ok(out);
  }

  /** Adds or removes privileges of one principal on an existing securable (also GRANT/REVOKE in SQL). */
  void apply(UcType type, String key, String principal, List<String> privileges, boolean add) {
    List<String> normalized = new ArrayList<>();
    for (String p : privileges) {
      String priv = p.strip().replaceAll("\\s+", "_").toUpperCase(Locale.ROOT);
      if (!type.privileges.contains(priv)) {
        throw UcErrors.invalid("Privilege " + priv + " is not applicable to this entity [" + type.pathName + ":" + key + "]."
            + " Applicable: " + new TreeSet<>(type.privileges));
      }
      normalized.add(priv);
    }
    if (normalized.isEmpty()) {
      return;
    }
    TreeMap<String, TreeSet<String>> onObject = ctx.store.grants(type, key);
    if (add) {
      ctx.requirePrincipal(principal);
      onObject.computeIfAbsent(principal, k -> new TreeSet<>()).addAll(normalized);
    } else if (onObject.containsKey(principal)) {
      onObject.get(principal).removeAll(normalized);
    }
    ctx.store.pruneGrants();
  }

  private List<ObjectNode> assignments(UcType type, String key, String principal) {
    List<ObjectNode> out = new ArrayList<>();
    ctx.store.grants(type, key).forEach((p, privs) -> {
      if (principal == null || principal.equals(p)) {
        ObjectNode a = Json.object().put("principal", p);
        ArrayNode arr = a.putArray("privileges");
        privs.forEach(arr::add);
        out.add(a);
      }
    });
    ctx.store.pruneGrants();
    return out;
  }

  private List<ObjectNode> effective(Request req) {
    UcType type = Securables.type(req.pathParam("type"));
    String key = Securables.key(ctx, type, req.pathParam("full_name"));
    String principal = req.q("principal");
    Map<String, ArrayNode> byPrincipal = new TreeMap<>();
    for (Map.Entry<UcType, String> source : lineage(type, key)) {
      boolean inherited = source.getKey() != type;
      for (ObjectNode a : assignments(source.getKey(), source.getValue(), principal)) {
        for (JsonNode priv : a.get("privileges")) {
          if (!type.privileges.contains(priv.asText())) {
            continue;
          }
          ObjectNode e = byPrincipal.computeIfAbsent(a.get("principal").asText(), k -> Json.array()).addObject()
              .put("privilege", priv.asText());
          if (inherited) {
            e.put("inherited_from_type", source.getKey().name()).put("inherited_from_name", source.getValue());
          }
        }
      }
    }
    List<ObjectNode> all = new ArrayList<>();
    byPrincipal.forEach((p, privs) -> {
      ObjectNode a = Json.object().put("principal", p);
      a.set("privileges", privs);
      all.add(a);
    });
    return all;
  }

  /** The securable and its ancestors in the catalog namespace, nearest first. */
  private static List<Map.Entry<UcType, String>> lineage(UcType type, String key) {
    List<Map.Entry<UcType, String>> out = new ArrayList<>();
    out.add(Map.entry(type, key));
    if (type.inCatalog() && type != UcType.CATALOG) {
      String[] p = key.split("\\.");
      if (type != UcType.SCHEMA) {
        out.add(Map.entry(UcType.SCHEMA, p[0] + "." + p[1]));
      }
      out.add(Map.entry(UcType.CATALOG, p[0]));
    }
    return out;
  }

  private ObjectNode page(Request req, List<ObjectNode> assignments) {
    return Paging.page(req, assignments, a -> a.get("principal").asText(), "privilege_assignments",
        Paging.Unset.ALL, ctx.store.pageSize(), 150);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> out.add(v.asText()));
    }
    return out;
  }
}
