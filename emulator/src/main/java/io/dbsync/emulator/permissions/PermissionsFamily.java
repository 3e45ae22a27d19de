package io.dbsync.emulator.permissions;

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
import io.dbsync.emulator.scim.ScimFamily;
import io.dbsync.emulator.workspace.WorkspaceFamily;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Permissions 2.0 (api-reference §8): GET/PUT/PATCH /api/2.0/permissions/{type}/{id} and
 * .../permissionLevels for every object type of the §8 table, including the two-segment types
 * "sql/warehouses" (alias "warehouses") and "authorization/tokens|passwords".
 *
 * <p>Objects must exist according to the check their family registered
 * ({@link Workspace#registerPermissionObject}); a type nobody registered is treated as existing.
 * Responses carry the direct grants (inherited=false) and the admins group's CAN_MANAGE inherited
 * from the type's root object; notebooks, files, folders and repos also list the grants of the folders
 * above them as inherited from "/directories/&lt;folder id&gt;". Jobs, pipelines and warehouses keep exactly one IS_OWNER, the admin
 * user (their creator) until changed; token usage starts with a direct CAN_MANAGE for admins.
 * "sql/queries" and "sql/alerts" name the same objects as "queries" and "alerts". Principals must
 * exist in the SCIM family.
 *
 * <p>Seed format (key "permissions"): an array of {@code {type, id, access_control_list:
 * [{user_name|group_name|service_principal_name, permission_level}]}} with type as in the URL
 * ("jobs", "sql/warehouses", "authorization" with id "tokens"). {@link #dump()} returns the same shape.
 */
public final class PermissionsFamily implements Family {
  private static final List<String> PRINCIPAL_KEYS = List.of("user_name", "group_name", "service_principal_name");

  private record Grant(String principalKey, String principal, String level) {}

  /** object_id ("/jobs/1") -> principal ("user_name:x") -> direct grant. */
  private final Map<String, Map<String, Grant>> grants = new TreeMap<>();
  private Workspace workspace;

  @Override
  public String name() {
    return "permissions";
  }

  @Override
  public void register(Router router, Workspace ws) {
    this.workspace = ws;
    String b = "/api/2.0/permissions/";
    router.add("GET", b + "sql/{sub}/{id}/permissionLevels", name(), req -> levels(type("sql/" + req.pathParam("sub"), null)));
    router.add("GET", b + "sql/{sub}/{id}", name(), req -> get("sql/" + req.pathParam("sub"), req.pathParam("id")));
    router.add("PUT", b + "sql/{sub}/{id}", name(), req -> write("sql/" + req.pathParam("sub"), req.pathParam("id"), req, true));
    router.add("PATCH", b + "sql/{sub}/{id}", name(), req -> write("sql/" + req.pathParam("sub"), req.pathParam("id"), req, false));
    router.add("GET", b + "{type}/{id}/permissionLevels", name(), req -> {
      requireExisting(req.pathParam("type"), req.pathParam("id"));
      return levels(type(req.pathParam("type"), req.pathParam("id")));
    });
    router.add("GET", b + "{type}/{id}", name(), req -> get(req.pathParam("type"), req.pathParam("id")));
    router.add("PUT", b + "{type}/{id}", name(), req -> write(req.pathParam("type"), req.pathParam("id"), req, true));
    router.add("PATCH", b + "{type}/{id}", name(), req -> write(req.pathParam("type"), req.pathParam("id"), req, false));
  }

  private Response get(String urlType, String id) {
    PermissionType t = requireExisting(urlType, id);
    return Response.ok(render(t, id));
  }

  private Response write(String urlType, String id, Request req, boolean replace) {
    PermissionType t = requireExisting(urlType, id);
    ObjectNode body = req.json();
    Map<String, Grant> current = grantsOf(t, id);
    Map<String, Grant> next = replace ? new LinkedHashMap<>() : new LinkedHashMap<>(current);
    for (JsonNode entry : body.path("access_control_list")) {
      Grant g = parse(t, entry, true);
      next.put(g.principalKey + ":" + g.principal, g);
    }
    if (t.hasOwner()) {
      long owners = next.values().stream().filter(g -> g.level.equals("IS_OWNER")).count();
      if (owners == 0) {
        current.values().stream().filter(g -> g.level.equals("IS_OWNER")).findFirst()
            .ifPresent(owner -> next.put(owner.principalKey + ":" + owner.principal, owner));
      } else if (owners > 1) {
        throw ApiException.invalidParameter("The " + t.objectType().replaceAll("s$", "") + " must have exactly one owner.");
      }
    }
    grants.put(t.objectId(id), next);
    return Response.ok(render(t, id));
  }

  private Grant parse(PermissionType t, JsonNode entry, boolean checkPrincipal) {
    String key = null;
    for (String k : PRINCIPAL_KEYS) {
      if (Json.text(entry, k) != null) {
        if (key != null) {
          throw ApiException.invalidParameter("Exactly one of user_name, group_name or service_principal_name must be set.");
        }
        key = k;
      }
    }
    if (key == null) {
      throw ApiException.invalidParameter("Exactly one of user_name, group_name or service_principal_name must be set.");
    }
    String principal = Json.text(entry, key);
    String level = Json.text(entry, "permission_level");
    if (level == null || !t.levels().contains(level)) {
      throw ApiException.invalidParameter("Permission level " + level + " is not supported for " + t.objectType()
          + ". Supported levels: " + String.join(", ", t.levels()) + ".");
    }
    if (level.equals("IS_OWNER") && key.equals("group_name")) {
      throw ApiException.invalidParameter("Group " + principal + " cannot be the owner of " + t.objectId("x").replaceAll("/x$", "") + ".");
    }
    if (checkPrincipal) {
      checkPrincipal(key, principal);
    }
    return new Grant(key, principal, level);
  }

  private void checkPrincipal(String key, String principal) {
    ScimFamily scim;
    try {
      scim = workspace.family(ScimFamily.class);
    } catch (IllegalStateException notRegistered) {
      return;
    }
    boolean exists = switch (key) {
      case "user_name" -> scim.userExists(principal);
      case "group_name" -> scim.groupExists(principal);
      default -> scim.servicePrincipalExists(principal);
    };
    if (!exists) {
      String kind = switch (key) {
        case "user_name" -> "UserName";
        case "group_name" -> "GroupName";
        default -> "ServicePrincipalName";
      };
      throw ApiException.invalidParameter("Principal: " + kind + "(" + principal + ") does not exist");
    }
  }

  private Map<String, Grant> grantsOf(PermissionType t, String id) {
    Map<String, Grant> g = grants.get(t.objectId(id));
    if (g != null) {
      return g;
    }
    Map<String, Grant> initial = new LinkedHashMap<>();
    if (t.hasOwner()) {
      initial.put("user_name:" + workspace.adminUser(), new Grant("user_name", workspace.adminUser(), "IS_OWNER"));
    }
    if (t.adminsDirect()) {
      initial.put("group_name:admins", new Grant("group_name", "admins", "CAN_MANAGE"));
    }
    return initial;
  }

  private ObjectNode render(PermissionType t, String id) {
    ObjectNode out = Json.object();
    out.put("object_id", t.objectId(id));
    out.put("object_type", t.objectType());
    ArrayNode acl = out.putArray("access_control_list");
    ObjectNode admins = null;
    for (Grant g : grantsOf(t, id).values()) {
      ObjectNode e = acl.addObject();
      e.put(g.principalKey, g.principal);
      if (g.principalKey.equals("user_name")) {
        String display = displayName(g.principal);
        if (display != null) {
          e.put("display_name", display);
        }
      }
      e.putArray("all_permissions").addObject().put("permission_level", g.level).put("inherited", false);
      if (g.principalKey.equals("group_name") && g.principal.equals("admins")) {
        admins = e;
      }
    }
    for (long dirId : workspaceAncestors(t, id)) {
      for (Grant g : grants.getOrDefault("/directories/" + dirId, Map.of()).values()) {
        ObjectNode e = entryFor(acl, g.principalKey, g.principal);
        ObjectNode inherited = ((ArrayNode) e.get("all_permissions")).addObject();
        inherited.put("permission_level", g.level).put("inherited", true);
        inherited.putArray("inherited_from_object").add("/directories/" + dirId);
      }
    }
    if (t.adminsDirect()) {
      return out;
    }
    ObjectNode adminsEntry = admins != null ? admins : entryFor(acl, "group_name", "admins");
    ObjectNode inherited = ((ArrayNode) adminsEntry.get("all_permissions")).addObject();
    inherited.put("permission_level", "CAN_MANAGE").put("inherited", true);
    inherited.putArray("inherited_from_object").add(t.rootObject());
    return out;
  }

  /** The ACL entry of a principal, added (with an empty all_permissions) when it has none yet. */
  private static ObjectNode entryFor(ArrayNode acl, String principalKey, String principal) {
    for (JsonNode e : acl) {
      if (principal.equals(Json.text(e, principalKey))) {
        return (ObjectNode) e;
      }
    }
    ObjectNode e = acl.addObject().put(principalKey, principal);
    e.putArray("all_permissions");
    return e;
  }

  /** Folders a notebook/file/folder/repo inherits grants from (nearest first); none for other types. */
  private List<Long> workspaceAncestors(PermissionType t, String id) {
    if (!t.rootObject().equals("/directories/")) {
      return List.of();
    }
    try {
      return workspace.family(WorkspaceFamily.class).ancestorDirectoryIds(id);
    } catch (IllegalStateException notRegistered) {
      return List.of();
    }
  }

  private String displayName(String userName) {
    try {
      return workspace.family(ScimFamily.class).userDisplayName(userName);
    } catch (IllegalStateException notRegistered) {
      return null;
    }
  }

  private static Response levels(PermissionType t) {
    ObjectNode out = Json.object();
    ArrayNode levels = out.putArray("permission_levels");
    for (String l : t.levels()) {
      levels.addObject().put("permission_level", l).put("description", t.description(l));
    }
    return Response.ok(out);
  }

  private static PermissionType type(String urlType, String id) {
    PermissionType t = PermissionType.of(urlType.equals("authorization") ? "authorization/" + id : urlType);
    if (t == null && urlType.equals("authorization")) {
      throw ApiException.notFound("authorization " + id + " does not exist.");
    }
    if (t == null) {
      throw ApiException.invalidParameter("Unknown request object type: "
          + (urlType.equals("authorization") ? urlType + "/" + id : urlType));
    }
    return t;
  }

  private PermissionType requireExisting(String urlType, String id) {
    PermissionType t = type(urlType, id);
    Boolean exists = workspace.permissionObjectExists(urlType, id);
    if (exists == null && !urlType.equals(t.existenceType())) {
      exists = workspace.permissionObjectExists(t.existenceType(), id);
    }
    if (exists == null && t.requestType().equals("sql/warehouses")) {
      exists = workspace.permissionObjectExists("warehouses", id);
    }
    if (Boolean.FALSE.equals(exists)) {
      throw ApiException.notFound(t.objectType() + " " + id + " does not exist.");
    }
    return t;
  }

  @Override
  public JsonNode dump() {
    ArrayNode out = Json.array();
    grants.forEach((objectId, map) -> {
      ObjectNode o = out.addObject();
      String rest = objectId.substring(1);
      int slash = rest.lastIndexOf('/');
      o.put("type", rest.startsWith("authorization/") ? "authorization" : rest.substring(0, slash));
      o.put("id", rest.substring(slash + 1));
      ArrayNode acl = o.putArray("access_control_list");
      map.values().forEach(g -> acl.addObject().put(g.principalKey, g.principal).put("permission_level", g.level));
    });
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace ws) {
    for (JsonNode item : seed) {
      PermissionType t = type(Json.text(item, "type"), Json.text(item, "id"));
      String id = Json.text(item, "id");
      Map<String, Grant> map = new LinkedHashMap<>();
      for (JsonNode entry : item.path("access_control_list")) {
        Grant g = parse(t, entry, false);
        map.put(g.principalKey + ":" + g.principal, g);
      }
      if (t.hasOwner() && map.values().stream().noneMatch(g -> g.level.equals("IS_OWNER"))) {
        map.put("user_name:" + ws.adminUser(), new Grant("user_name", ws.adminUser(), "IS_OWNER"));
      }
      grants.put(t.objectId(id), map);
    }
  }
}
