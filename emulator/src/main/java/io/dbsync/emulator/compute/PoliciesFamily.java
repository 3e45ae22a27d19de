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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster policies 2.0 and policy families 2.0 (api-reference §3.1, §3.2). Built-ins: one default
 * policy per policy family ("Personal Compute", "Job Compute", ...) with {@code policy_family_id}
 * and {@code is_default: true}.
 *
 * <p>Seed format (key {@code "policies"}): a JSON array of objects in the create shape ({@code name},
 * {@code definition} as a JSON string, {@code description}, {@code max_clusters_per_user},
 * {@code policy_family_id}, {@code policy_family_definition_overrides}, {@code libraries}), each
 * optionally with {@code policy_id}, {@code creator_user_name}, {@code created_at_timestamp} and
 * {@code is_default}. {@link #dump()} returns the stored Policy objects (built-ins included).
 */
public final class PoliciesFamily implements Family {
  private static final String BASE = "/api/2.0/policies/clusters/";

  private final Map<String, ObjectNode> policies = new LinkedHashMap<>();
  private Workspace ws;

  @Override
  public String name() {
    return "policies";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.ws = workspace;
    router.add("GET", BASE + "list", name(), this::list);
    router.add("GET", BASE + "get", name(), r -> Response.ok(Json.copy(require(r.requireQ("policy_id")))));
    router.add("POST", BASE + "create", name(), this::create);
    router.add("POST", BASE + "edit", name(), this::edit);
    router.add("POST", BASE + "delete", name(), this::delete);
    router.add("GET", "/api/2.0/policy-families", name(), this::listFamilies);
    router.add("GET", "/api/2.0/policy-families/{id}", name(), this::getFamily);
    workspace.registerPermissionObject("cluster-policies", this::exists);
  }

  @Override
  public void builtIns(Workspace workspace) {
    for (PolicyFamilyCatalog.PolicyFamily f : PolicyFamilyCatalog.FAMILIES) {
      ObjectNode body = Json.object().put("name", f.name()).put("policy_family_id", f.id());
      ObjectNode p = build(body, workspace.hexId16(), null);
      p.put("is_default", true);
      p.remove("creator_user_name");
      policies.put(p.get("policy_id").asText(), p);
    }
  }

  public boolean exists(String policyId) {
    return policyId != null && policies.containsKey(policyId);
  }

  /** The effective definition of an existing policy, parsed. */
  ObjectNode definition(String policyId) {
    return parseDefinition(require(policyId).get("definition").asText(), "definition");
  }

  private ObjectNode require(String id) {
    ObjectNode p = id == null ? null : policies.get(id);
    if (p == null) {
      throw ApiException.notFound("Can't find a cluster policy with id: " + id + ".");
    }
    return p;
  }

  private Response list(Request req) {
    String column = req.q("sort_column");
    String order = req.q("sort_order");
    if (column != null && !List.of("POLICY_CREATION_TIME", "POLICY_NAME").contains(column)) {
      throw ApiException.invalidParameter("Invalid sort_column: " + column);
    }
    if (order != null && !List.of("ASC", "DESC").contains(order)) {
      throw ApiException.invalidParameter("Invalid sort_order: " + order);
    }
    List<ObjectNode> all = new ArrayList<>(policies.values());
    if ("POLICY_NAME".equals(column)) {
      all.sort(Comparator.comparing(p -> p.get("name").asText().toLowerCase()));
    }
    if ("DESC".equals(order)) {
      Collections.reverse(all);
    }
    ObjectNode out = Json.object();
    if (!all.isEmpty()) {
      ArrayNode arr = out.putArray("policies");
      all.forEach(p -> arr.add(Json.copy(p)));
    }
    return Response.ok(out);
  }

  private Response create(Request req) {
    ObjectNode body = req.json();
    ObjectNode p = build(body, ws.hexId16(), null);
    policies.put(p.get("policy_id").asText(), p);
    return Response.ok(Json.object().put("policy_id", p.get("policy_id").asText()));
  }

  /** Full replace of the user fields; id, creator, creation time and is_default are kept. */
  private Response edit(Request req) {
    ObjectNode body = req.json();
    ObjectNode old = require(Fields.requireText(body, "policy_id"));
    ObjectNode p = build(body, old.get("policy_id").asText(), old);
    policies.put(p.get("policy_id").asText(), p);
    return Response.empty();
  }

  private Response delete(Request req) {
    String id = Fields.requireText(req.json(), "policy_id");
    require(id);
    policies.remove(id);
    return Response.empty();
  }

  /** Validates a create/edit body and builds the stored Policy. */
  private ObjectNode build(ObjectNode body, String id, ObjectNode old) {
    String name = Fields.requireText(body, "name");
    if (name.length() > 100) {
      throw ApiException.invalidParameter("Cluster policy name must be at most 100 characters");
    }
    for (ObjectNode other : policies.values()) {
      if (!other.get("policy_id").asText().equals(id) && other.get("name").asText().equals(name)) {
        throw ApiException.invalidParameter("Cluster policy with name " + name + " already exists");
      }
    }
    String definition = Json.text(body, "definition");
    String familyId = Json.text(body, "policy_family_id");
    String overrides = Json.text(body, "policy_family_definition_overrides");
    if (familyId != null && definition != null && !definition.isEmpty()) {
      throw ApiException.invalidParameter("Policy definition cannot be specified together with policy_family_id");
    }
    if (familyId == null && overrides != null && !overrides.isEmpty()) {
      throw ApiException.invalidParameter("policy_family_definition_overrides requires policy_family_id");
    }
    ObjectNode p = Json.object();
    p.put("policy_id", id);
    p.put("name", name);
    if (familyId != null) {
      PolicyFamilyCatalog.PolicyFamily family = PolicyFamilyCatalog.find(familyId);
      if (family == null) {
        throw ApiException.invalidParameter("Policy family " + familyId + " does not exist");
      }
      p.put("policy_family_id", familyId);
      ObjectNode effective = parseDefinition(family.definition(), "definition");
      if (overrides != null && !overrides.isEmpty()) {
        ObjectNode parsed = parseDefinition(overrides, "policy_family_definition_overrides");
        PolicyEnforcer.checkDefinition(parsed);
        Fields.putAll(effective, parsed);
        p.put("policy_family_definition_overrides", overrides);
      }
      p.put("definition", new String(Json.bytes(effective), StandardCharsets.UTF_8));
    } else {
      String def = definition == null || definition.isEmpty() ? "{}" : definition;
      PolicyEnforcer.checkDefinition(parseDefinition(def, "definition"));
      p.put("definition", def);
    }
    for (String field : List.of("description", "max_clusters_per_user", "libraries")) {
      if (body.hasNonNull(field)) {
        p.set(field, Fields.withoutNulls(body.get(field)));
      }
    }
    if (p.has("max_clusters_per_user") && p.get("max_clusters_per_user").asLong() < 1) {
      throw ApiException.invalidParameter("max_clusters_per_user must be at least 1");
    }
    if (old != null) {
      copyIfPresent(old, p, "creator_user_name");
      copyIfPresent(old, p, "created_at_timestamp");
      copyIfPresent(old, p, "is_default");
    } else {
      p.put("creator_user_name", ws.adminUser());
      p.put("created_at_timestamp", ws.now());
    }
    return p;
  }

  private static void copyIfPresent(ObjectNode from, ObjectNode to, String field) {
    if (from.has(field)) {
      to.set(field, from.get(field).deepCopy());
    }
  }

  private static ObjectNode parseDefinition(String text, String field) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(text);
    } catch (Exception e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw ApiException.invalidParameter("Invalid " + field + ": it must be a JSON object, got " + text);
    }
    return (ObjectNode) node;
  }

  private Response listFamilies(Request req) {
    Integer max = Fields.intQuery(req, "max_results");
    if (max != null && (max < 0 || max > 1000)) {
      throw ApiException.invalidParameter("max_results must be between 0 and 1000");
    }
    int size = max == null || max == 0 ? 100 : max;
    List<PolicyFamilyCatalog.PolicyFamily> all = PolicyFamilyCatalog.FAMILIES;
    int offset = Math.min(Fields.offsetOf(req.q("page_token")), all.size());
    int end = Math.min(all.size(), offset + size);
    ObjectNode out = Json.object();
    ArrayNode arr = out.putArray("policy_families");
    all.subList(offset, end).forEach(f -> arr.add(f.toJson()));
    if (end < all.size()) {
      out.put("next_page_token", Fields.pageToken(end));
    }
    return Response.ok(out);
  }

  private Response getFamily(Request req) {
    String id = req.pathParam("id");
    PolicyFamilyCatalog.PolicyFamily f = PolicyFamilyCatalog.find(id);
    if (f == null) {
      throw ApiException.notFound("Policy family " + id + " does not exist");
    }
    String version = req.q("version");
    if (version != null && !version.equals("1")) {
      throw ApiException.notFound("Policy family " + id + " has no version " + version);
    }
    return Response.ok(f.toJson());
  }

  @Override
  public JsonNode dump() {
    ArrayNode arr = Json.array();
    policies.values().forEach(p -> arr.add(Json.copy(p)));
    return arr;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("policies seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      String id = Json.text(item, "policy_id");
      ObjectNode body = Json.copy((ObjectNode) item);
      if (body.hasNonNull("policy_family_id")) {
        body.remove("definition");
      }
      ObjectNode p = build(body, id != null ? id : workspace.hexId16(), null);
      copyIfPresent((ObjectNode) item, p, "creator_user_name");
      copyIfPresent((ObjectNode) item, p, "created_at_timestamp");
      copyIfPresent((ObjectNode) item, p, "is_default");
      policies.put(p.get("policy_id").asText(), p);
    }
  }
}
