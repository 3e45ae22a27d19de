package io.dbsync.emulator.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.auth.Principal;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;
import io.dbsync.emulator.workspace.WorkspaceFamily;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Workspace SCIM 2.0 (api-reference §9) under /api/2.0/preview/scim/v2: Users, Groups,
 * ServicePrincipals (list with filter/startIndex/count/attributes/excludedAttributes/sortBy, get,
 * create 201, PUT, PATCH with PatchOp, DELETE 204) and Me (the calling principal). Errors use the
 * SCIM error body. Other families ask it who is a workspace admin (a member of "admins", directly or
 * through nested groups) and which groups a principal belongs to; deleting a user or service
 * principal revokes its tokens.
 *
 * <p>Built-ins: the admin user ({@link Workspace#adminUser()}), group "admins" (the admin is its
 * member) and group "users". Membership of "users" is implicit, as in real workspaces: the group
 * lists no members and users do not list it in their "groups". A resource's "groups" attribute is
 * computed from group membership (type "direct"). Creating a user or service principal creates
 * its home folder /Users/&lt;userName or applicationId&gt; in the workspace family.
 *
 * <p>Seed format (key "scim"): {@code {users: [User], groups: [Group with members: [{value}] where
 * value is an id, or {user_name|group_name|application_id} to refer by name], service_principals:
 * [ServicePrincipal]}} in SCIM attribute names; ids are assigned when absent. {@link #dump()}
 * returns the same three arrays as the API renders them.
 */
public final class ScimFamily implements Family {
  static final String BASE = "/api/2.0/preview/scim/v2/";
  static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  static final String USER_EXTENSION = "urn:ietf:params:scim:schemas:extension:workspace:2.0:User";
  private static final Set<String> BUILT_IN_GROUPS = Set.of("admins", "users");

  private final Map<ScimKind, Map<String, ObjectNode>> store = new EnumMap<>(ScimKind.class);
  private Workspace workspace;

  public ScimFamily() {
    for (ScimKind k : ScimKind.values()) {
      store.put(k, new LinkedHashMap<>());
    }
  }

  @Override
  public String name() {
    return "scim";
  }

  @Override
  public void register(Router router, Workspace ws) {
    this.workspace = ws;
    ScimPatch patch = new ScimPatch(this);
    for (ScimKind kind : ScimKind.values()) {
      String path = BASE + kind.endpoint;
      router.add("GET", path, name(), req -> list(kind, req));
      router.add("POST", path, name(), req -> Response.status(201, render(kind, create(kind, req.json()))));
      router.add("GET", path + "/{id}", name(), req -> Response.ok(project(render(kind, require(kind, req.pathParam("id"))),
          req.q("attributes"), req.q("excludedAttributes"))));
      router.add("PUT", path + "/{id}", name(), req -> Response.ok(render(kind, replace(kind, req.pathParam("id"), req.json()))));
      router.add("PATCH", path + "/{id}", name(), req -> Response.ok(render(kind, patch.apply(kind, require(kind, req.pathParam("id")), req.json()))));
      router.add("DELETE", path + "/{id}", name(), req -> {
        delete(kind, req.pathParam("id"));
        return Response.noContent();
      });
    }
    router.add("GET", BASE + "Me", name(), req -> Response.ok(project(me(req.caller()),
        req.q("attributes"), req.q("excludedAttributes"))));
    ws.registerPermissionObject("authorization", id -> id.equals("tokens") || id.equals("passwords"));
  }

  @Override
  public void builtIns(Workspace ws) {
    ObjectNode admin = Json.object();
    admin.put("userName", ws.adminUser());
    admin.put("displayName", ws.adminUser());
    String adminId = create(ScimKind.USERS, admin).get("id").asText();
    ObjectNode admins = Json.object();
    admins.put("displayName", "admins");
    admins.putArray("members").addObject().put("value", adminId);
    create(ScimKind.GROUPS, admins);
    ObjectNode users = Json.object();
    users.put("displayName", "users");
    create(ScimKind.GROUPS, users);
  }

  // ---- lookups other families use (permissions) ----

  public boolean userExists(String userName) {
    return byAttribute(ScimKind.USERS, "userName", userName) != null;
  }

  public boolean groupExists(String displayName) {
    return byAttribute(ScimKind.GROUPS, "displayName", displayName) != null;
  }

  public boolean servicePrincipalExists(String applicationId) {
    return byAttribute(ScimKind.SERVICE_PRINCIPALS, "applicationId", applicationId) != null;
  }

  /**
   * Whether the principal is a workspace admin: a member of the "admins" group, directly or
   * through nested groups.
   */
  public boolean isWorkspaceAdmin(Principal principal) {
    return groupNames(principal).contains("admins");
  }

  /**
   * The display names of every group the principal belongs to, directly or through nested groups,
   * plus "users" (implicit for every user and service principal). Empty for an unknown principal.
   */
  public Set<String> groupNames(Principal principal) {
    ObjectNode node = principal == null ? null : nodeOf(principal);
    Set<String> names = new java.util.TreeSet<>();
    if (node == null) {
      return names;
    }
    names.add("users");
    java.util.Deque<String> pending = new java.util.ArrayDeque<>(List.of(node.get("id").asText()));
    Set<String> seen = new java.util.HashSet<>();
    while (!pending.isEmpty()) {
      for (ObjectNode g : groupsOf(pending.pop())) {
        if (seen.add(g.get("id").asText())) {
          names.add(Json.text(g, "displayName"));
          pending.push(g.get("id").asText());
        }
      }
    }
    return names;
  }

  /** Whether the principal exists and is active (an inactive one cannot sign in or get tokens). */
  public boolean isActive(Principal principal) {
    ObjectNode node = principal == null ? null : nodeOf(principal);
    return node != null && node.path("active").asBoolean(true);
  }

  /** The applicationId of the service principal with this SCIM id, or null when there is none. */
  public String servicePrincipalApplicationId(String scimId) {
    ObjectNode sp = scimId == null ? null : store.get(ScimKind.SERVICE_PRINCIPALS).get(scimId);
    return sp == null ? null : Json.text(sp, "applicationId");
  }

  /** A user's displayName, or null when there is no such user. */
  public String userDisplayName(String userName) {
    ObjectNode u = byAttribute(ScimKind.USERS, "userName", userName);
    return u == null ? null : Json.text(u, "displayName");
  }

  // ---- handlers ----

  private Response list(ScimKind kind, Request req) {
    Predicate<JsonNode> filter = req.q("filter") == null || req.q("filter").isBlank()
        ? n -> true : ScimFilter.parse(req.q("filter"));
    List<ObjectNode> matches = new ArrayList<>();
    for (ObjectNode n : store.get(kind).values()) {
      ObjectNode r = render(kind, n);
      if (filter.test(r)) {
        matches.add(r);
      }
    }
    String sortBy = req.q("sortBy");
    if (sortBy != null && !sortBy.isBlank()) {
      Comparator<ObjectNode> cmp = Comparator.comparing(n -> {
        List<JsonNode> v = ScimFilter.values(n, sortBy);
        return v.isEmpty() ? "" : v.get(0).asText().toLowerCase(Locale.ROOT);
      });
      matches.sort("descending".equalsIgnoreCase(req.q("sortOrder")) ? cmp.reversed() : cmp);
    }
    long startIndex = Math.max(1, intQ(req, "startIndex", 1));
    long count = Math.min(10_000, Math.max(0, intQ(req, "count", 10_000)));
    ObjectNode out = Json.object();
    out.putArray("schemas").add(LIST_SCHEMA);
    out.put("totalResults", matches.size());
    out.put("startIndex", startIndex);
    ArrayNode resources = Json.array();
    for (long i = startIndex - 1; i < matches.size() && resources.size() < count; i++) {
      resources.add(project(matches.get((int) i), req.q("attributes"), req.q("excludedAttributes")));
    }
    out.put("itemsPerPage", resources.size());
    if (!resources.isEmpty()) {
      out.set("Resources", resources);
    }
    return Response.ok(out);
  }

  ObjectNode create(ScimKind kind, ObjectNode body) {
    ObjectNode node = Json.object();
    String id = Json.text(body, "id") != null ? Json.text(body, "id") : Long.toString(workspace.nextId());
    node.put("id", id);
    switch (kind) {
      case USERS -> {
        String userName = Json.text(body, "userName");
        if (userName == null || userName.isBlank()) {
          throw ApiException.scim(400, "Request is unparsable, syntactically incorrect, or violates schema.", "invalidValue");
        }
        userName = userName.toLowerCase(Locale.ROOT);
        if (byAttribute(kind, "userName", userName) != null) {
          throw ApiException.scim(409, "User with username " + userName + " already exists.", "uniqueness");
        }
        node.put("userName", userName);
        ArrayNode emails = body.has("emails") ? Json.copy((ArrayNode) body.get("emails")) : Json.array();
        if (emails.isEmpty()) {
          emails.addObject().put("type", "work").put("value", userName).put("primary", true);
        }
        node.set("emails", emails);
        node.put("displayName", Json.text(body, "displayName") != null ? Json.text(body, "displayName") : userName);
        node.put("active", body.path("active").asBoolean(true));
      }
      case SERVICE_PRINCIPALS -> {
        String appId = Json.text(body, "applicationId") != null ? Json.text(body, "applicationId") : workspace.uuid();
        if (byAttribute(kind, "applicationId", appId) != null) {
          throw ApiException.scim(409, "Service principal with application ID " + appId + " already exists.", "uniqueness");
        }
        node.put("applicationId", appId);
        node.put("displayName", Json.text(body, "displayName") != null ? Json.text(body, "displayName") : appId);
        node.put("active", body.path("active").asBoolean(true));
      }
      case GROUPS -> {
        String name = Json.text(body, "displayName");
        if (name == null || name.isBlank()) {
          throw ApiException.scim(400, "Request is unparsable, syntactically incorrect, or violates schema.", "invalidValue");
        }
        if (byAttribute(kind, "displayName", name) != null) {
          throw ApiException.scim(409, "Group with name " + name + " already exists.", "uniqueness");
        }
        node.put("displayName", name);
        node.putArray("members");
      }
    }
    copyAttributes(kind, body, node, Set.of("userName", "emails", "displayName", "active", "applicationId", "members", "groups"));
    store.get(kind).put(id, node);
    if (kind == ScimKind.GROUPS) {
      for (JsonNode m : body.path("members")) {
        addMember(node, Json.text(m, "value"));
      }
    }
    for (JsonNode g : body.path("groups")) {
      addMember(require(ScimKind.GROUPS, Json.text(g, "value")), id);
    }
    if (kind != ScimKind.GROUPS) {
      String home = kind == ScimKind.USERS ? node.get("userName").asText() : node.get("applicationId").asText();
      workspace.family(WorkspaceFamily.class).ensureDirectories("/Users/" + home);
    }
    return node;
  }

  private ObjectNode replace(ScimKind kind, String id, ObjectNode body) {
    ObjectNode node = require(kind, id);
    for (String a : kind.attributes) {
      if (!Set.of("userName", "emails", "applicationId", "members", "groups").contains(a)) {
        node.remove(a);
      }
    }
    if (kind == ScimKind.GROUPS) {
      String name = Json.text(body, "displayName");
      ObjectNode other = name == null ? null : byAttribute(kind, "displayName", name);
      if (other != null && other != node) {
        throw ApiException.scim(409, "Group with name " + name + " already exists.", "uniqueness");
      }
    }
    copyAttributes(kind, body, node, Set.of("userName", "emails", "applicationId", "members", "groups"));
    if (!node.has("displayName")) {
      node.put("displayName", kind == ScimKind.USERS ? node.path("userName").asText() : node.path("applicationId").asText(""));
    }
    if (kind != ScimKind.GROUPS && !node.has("active")) {
      node.put("active", true);
    }
    if (kind == ScimKind.GROUPS && body.has("members")) {
      node.putArray("members");
      for (JsonNode m : body.path("members")) {
        addMember(node, Json.text(m, "value"));
      }
    }
    if (body.has("groups")) {
      setGroups(id, body.get("groups"));
    }
    return node;
  }

  private void delete(ScimKind kind, String id) {
    ObjectNode node = require(kind, id);
    if (kind == ScimKind.GROUPS && BUILT_IN_GROUPS.contains(Json.text(node, "displayName"))) {
      throw ApiException.scim(400, "Cannot delete the built-in group " + Json.text(node, "displayName") + ".", "mutability");
    }
    if (kind == ScimKind.USERS && workspace.adminUser().equals(Json.text(node, "userName"))) {
      throw ApiException.scim(400, "Cannot delete the current user.", "mutability");
    }
    store.get(kind).remove(id);
    for (ObjectNode g : store.get(ScimKind.GROUPS).values()) {
      removeMember(g, id);
    }
    if (kind != ScimKind.GROUPS) {
      workspace.credentials().revokeAll(kind == ScimKind.USERS ? Json.text(node, "userName") : Json.text(node, "applicationId"));
    }
  }

  // ---- shared with ScimPatch ----

  ObjectNode require(ScimKind kind, String id) {
    ObjectNode n = id == null ? null : store.get(kind).get(id);
    if (n == null) {
      throw ApiException.scim(404, kind.singular() + " with id " + id + " not found.", null);
    }
    return n;
  }

  /** Copies writable attributes from a request body (names case-insensitive), except the skipped ones. */
  static void copyAttributes(ScimKind kind, JsonNode body, ObjectNode node, Set<String> skip) {
    body.properties().forEach(e -> {
      String a = kind.attribute(e.getKey());
      if (a != null && !skip.contains(a) && !e.getValue().isNull()) {
        node.set(a, Json.copy(e.getValue()));
      }
    });
  }

  void addMember(ObjectNode group, String memberId) {
    if (memberId == null) {
      throw ApiException.scim(400, "Member value is required.", "invalidValue");
    }
    ArrayNode members = group.withArray("members");
    for (JsonNode m : members) {
      if (memberId.equals(Json.text(m, "value"))) {
        return;
      }
    }
    for (ScimKind k : ScimKind.values()) {
      ObjectNode member = store.get(k).get(memberId);
      if (member != null) {
        members.addObject().put("display", Json.text(member, "displayName"))
            .put("value", memberId).put("$ref", k.endpoint + "/" + memberId);
        return;
      }
    }
    throw ApiException.scim(404, "Principal with id " + memberId + " not found.", null);
  }

  static void removeMember(ObjectNode group, String memberId) {
    ArrayNode members = group.withArray("members");
    for (int i = members.size() - 1; i >= 0; i--) {
      if (memberId.equals(Json.text(members.get(i), "value"))) {
        members.remove(i);
      }
    }
  }

  /** Makes the resource a direct member of exactly the groups listed ([{value}]). */
  void setGroups(String id, JsonNode groups) {
    List<String> wanted = new ArrayList<>();
    for (JsonNode g : groups) {
      wanted.add(require(ScimKind.GROUPS, Json.text(g, "value")).get("id").asText());
    }
    for (ObjectNode g : store.get(ScimKind.GROUPS).values()) {
      if (wanted.contains(g.get("id").asText())) {
        addMember(g, id);
      } else {
        removeMember(g, id);
      }
    }
  }

  List<ObjectNode> groupsOf(String id) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode g : store.get(ScimKind.GROUPS).values()) {
      for (JsonNode m : g.path("members")) {
        if (id.equals(Json.text(m, "value"))) {
          out.add(g);
          break;
        }
      }
    }
    return out;
  }

  /** The resource as the API returns it: schemas, computed groups, fresh member display names. */
  ObjectNode render(ScimKind kind, ObjectNode stored) {
    ObjectNode out = Json.object();
    ArrayNode schemas = out.putArray("schemas").add(kind.schema);
    if (kind == ScimKind.USERS) {
      schemas.add(USER_EXTENSION);
    }
    out.setAll(Json.copy(stored));
    String id = stored.get("id").asText();
    ArrayNode groups = Json.array();
    for (ObjectNode g : groupsOf(id)) {
      groups.addObject().put("display", Json.text(g, "displayName")).put("value", g.get("id").asText())
          .put("$ref", "Groups/" + g.get("id").asText()).put("type", "direct");
    }
    if (!groups.isEmpty()) {
      out.set("groups", groups);
    }
    if (kind == ScimKind.GROUPS) {
      ArrayNode members = (ArrayNode) out.get("members");
      for (JsonNode m : members) {
        for (ScimKind k : ScimKind.values()) {
          ObjectNode member = store.get(k).get(Json.text(m, "value"));
          if (member != null) {
            ((ObjectNode) m).put("display", Json.text(member, "displayName"));
          }
        }
      }
      if (members.isEmpty()) {
        out.remove("members");
      }
      out.putObject("meta").put("resourceType", "WorkspaceGroup");
    }
    return out;
  }

  /** attributes= keeps only the named attributes (plus id and schemas); excludedAttributes= drops them. */
  static ObjectNode project(ObjectNode r, String attributes, String excluded) {
    if (attributes != null && !attributes.isBlank()) {
      ObjectNode out = Json.object();
      out.set("schemas", r.get("schemas"));
      out.set("id", r.get("id"));
      for (String a : attributes.split(",")) {
        String[] parts = a.trim().split("\\.", 2);
        r.properties().forEach(e -> {
          if (!e.getKey().equalsIgnoreCase(parts[0])) {
            return;
          }
          if (parts.length == 1 || !e.getValue().isObject()) {
            out.set(e.getKey(), e.getValue());
          } else {
            JsonNode sub = ScimFilter.field(e.getValue(), parts[1]);
            if (sub != null) {
              out.withObjectProperty(e.getKey()).set(parts[1], sub);
            }
          }
        });
      }
      r = out;
    }
    if (excluded != null && !excluded.isBlank()) {
      for (String a : excluded.split(",")) {
        List<String> remove = new ArrayList<>();
        r.fieldNames().forEachRemaining(f -> {
          if (f.equalsIgnoreCase(a.trim()) && !f.equals("id") && !f.equals("schemas")) {
            remove.add(f);
          }
        });
        r.remove(remove);
      }
    }
    return r;
  }

  private ObjectNode byAttribute(ScimKind kind, String attr, String value) {
    for (ObjectNode n : store.get(kind).values()) {
      if (value != null && value.equalsIgnoreCase(Json.text(n, attr))) {
        return n;
      }
    }
    return null;
  }

  private ObjectNode nodeOf(Principal principal) {
    return principal.isServicePrincipal()
        ? byAttribute(ScimKind.SERVICE_PRINCIPALS, "applicationId", principal.name())
        : byAttribute(ScimKind.USERS, "userName", principal.name());
  }

  /**
   * The caller as Me returns it, always in the User schema: a service principal appears with its
   * applicationId as userName (what the Terraform provider's current_user data source relies on).
   */
  private ObjectNode me(Principal caller) {
    ObjectNode node = nodeOf(caller);
    if (node == null) {
      throw ApiException.scim(404, "User not found.", null);
    }
    if (!caller.isServicePrincipal()) {
      return render(ScimKind.USERS, node);
    }
    ObjectNode sp = render(ScimKind.SERVICE_PRINCIPALS, node);
    ObjectNode out = Json.object();
    out.putArray("schemas").add(ScimKind.USERS.schema).add(USER_EXTENSION);
    out.set("id", sp.get("id"));
    out.put("userName", Json.text(sp, "applicationId"));
    sp.properties().forEach(e -> {
      if (!e.getKey().equals("schemas") && !out.has(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  private static long intQ(Request req, String name, long dflt) {
    String v = req.q(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw ApiException.scim(400, "Invalid " + name + ": " + v, "invalidValue");
    }
  }

  // ---- seed / dump ----

  @Override
  public JsonNode dump() {
    ObjectNode out = Json.object();
    ArrayNode users = out.putArray("users");
    store.get(ScimKind.USERS).values().forEach(n -> users.add(render(ScimKind.USERS, n)));
    ArrayNode groups = out.putArray("groups");
    store.get(ScimKind.GROUPS).values().forEach(n -> groups.add(render(ScimKind.GROUPS, n)));
    ArrayNode sps = out.putArray("service_principals");
    store.get(ScimKind.SERVICE_PRINCIPALS).values().forEach(n -> sps.add(render(ScimKind.SERVICE_PRINCIPALS, n)));
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace ws) {
    // existing users/SPs (e.g. the built-in admin in a re-seeded dump) are kept, not duplicated
    for (JsonNode u : seed.path("users")) {
      ObjectNode body = Json.copy((ObjectNode) u);
      body.remove("groups");
      if (byAttribute(ScimKind.USERS, "userName", Json.text(body, "userName")) == null) {
        create(ScimKind.USERS, body);
      }
    }
    for (JsonNode sp : seed.path("service_principals")) {
      ObjectNode body = Json.copy((ObjectNode) sp);
      body.remove("groups");
      if (Json.text(body, "applicationId") == null
          || byAttribute(ScimKind.SERVICE_PRINCIPALS, "applicationId", Json.text(body, "applicationId")) == null) {
        create(ScimKind.SERVICE_PRINCIPALS, body);
      }
    }
    for (JsonNode g : seed.path("groups")) {
      ObjectNode body = Json.copy((ObjectNode) g);
      body.remove("members");
      body.remove("groups");
      if (byAttribute(ScimKind.GROUPS, "displayName", Json.text(body, "displayName")) == null) {
        create(ScimKind.GROUPS, body);
      }
    }
    for (JsonNode g : seed.path("groups")) {
      ObjectNode group = byAttribute(ScimKind.GROUPS, "displayName", Json.text(g, "displayName"));
      for (JsonNode m : g.path("members")) {
        addMember(group, seedMemberId(m));
      }
    }
  }

  private String seedMemberId(JsonNode m) {
    ObjectNode target = null;
    if (Json.text(m, "user_name") != null) {
      target = byAttribute(ScimKind.USERS, "userName", Json.text(m, "user_name"));
    } else if (Json.text(m, "group_name") != null) {
      target = byAttribute(ScimKind.GROUPS, "displayName", Json.text(m, "group_name"));
    } else if (Json.text(m, "application_id") != null) {
      target = byAttribute(ScimKind.SERVICE_PRINCIPALS, "applicationId", Json.text(m, "application_id"));
    } else {
      return Json.text(m, "value");
    }
    if (target == null) {
      throw new IllegalArgumentException("scim seed: unknown member " + m);
    }
    return target.get("id").asText();
  }
}
