package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.scim.ScimFamily;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One workspace's view of its metastore: who calls (the workspace admin), the workspace id that
 * bindings are checked against, the principals it knows (its SCIM users, groups and service
 * principals, plus the account group "account users"), and the lookups every handler shares:
 * names, existence, isolation, ownership stamps and rendering.
 */
final class UcContext {
  /** Account-level group every principal belongs to. */
  static final String ACCOUNT_USERS = "account users";

  final UcMetastore store;
  private final Workspace workspace;
  /** False models a workspace without Unity Catalog (no metastore assigned). */
  private volatile boolean assigned = true;

  UcContext(UcMetastore store, Workspace workspace) {
    this.store = store;
    this.workspace = workspace;
  }

  long workspaceId() {
    return workspace.options().workspaceId;
  }

  /** Seeding a workspace id changes it for the whole emulator (host metadata reports it too). */
  void setWorkspaceId(long id) {
    workspace.options().workspaceId = id;
  }

  boolean assigned() {
    return assigned;
  }

  void setAssigned(boolean assigned) {
    this.assigned = assigned;
  }

  /** What every Unity Catalog call answers in a workspace without a metastore. */
  void requireAssigned() {
    if (!assigned) {
      throw new io.dbsync.emulator.http.ApiException(404, "METASTORE_DOES_NOT_EXIST",
          "No metastore assigned for the current workspace.");
    }
  }

  String caller() {
    return workspace.adminUser();
  }

  long now() {
    return workspace.now();
  }

  // ------------------------------------------------------------ names

  /** Names are case-insensitive and stored lower-case. */
  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** A required single-part name from a body field, lower-cased; '.', '/' and blanks are rejected. */
  static String name(JsonNode body, String field) {
    String v = Json.text(body, field);
    if (v == null || v.isBlank()) {
      throw UcErrors.missing(field);
    }
    if (v.contains(".") || v.contains("/") || v.length() > 255 || !v.strip().equals(v)) {
      throw UcErrors.invalid("Invalid name '" + v + "': names cannot contain '.', '/' or leading/trailing spaces.");
    }
    return key(v);
  }

  static String required(JsonNode body, String field) {
    String v = Json.text(body, field);
    if (v == null || v.isEmpty()) {
      throw UcErrors.missing(field);
    }
    return v;
  }

  /** The parts of a full name "a.b.c" (exactly n of them), lower-cased. */
  static String[] parts(UcType type, String fullName, int n) {
    String[] p = key(fullName).split("\\.", -1);
    if (p.length != n) {
      throw UcErrors.invalid("Invalid " + type.noun.toLowerCase(Locale.ROOT) + " name '" + fullName
          + "': expected " + (n == 2 ? "catalog_name.schema_name" : "catalog_name.schema_name.name"));
    }
    return p;
  }

  // ------------------------------------------------------------ principals and stamps

  boolean principalExists(String principal) {
    if (ACCOUNT_USERS.equals(principal)) {
      return true;
    }
    ScimFamily scim = workspace.family(ScimFamily.class);
    return scim.userExists(principal) || scim.groupExists(principal) || scim.servicePrincipalExists(principal);
  }

  String requirePrincipal(String principal) {
    if (principal == null || principal.isBlank() || !principalExists(principal)) {
      throw UcErrors.noPrincipal(principal);
    }
    return principal;
  }

  /** Owner (the caller unless given), created_* and updated_* of a new object. */
  void stampNew(ObjectNode o, JsonNode body) {
    String owner = Json.text(body, "owner");
    o.put("owner", owner == null ? caller() : requirePrincipal(owner));
    long now = now();
    o.put("created_at", now);
    o.put("created_by", caller());
    o.put("updated_at", now);
    o.put("updated_by", caller());
  }

  void touch(ObjectNode o) {
    o.put("updated_at", now());
    o.put("updated_by", caller());
  }

  /** Applies the "owner" of an update body, if any. */
  void updateOwner(ObjectNode o, JsonNode body) {
    String owner = Json.text(body, "owner");
    if (owner != null) {
      o.put("owner", requirePrincipal(owner));
    }
  }

  /** Replaces string fields present in an update body (comment, url, ...); absent fields stay. */
  static void copyText(ObjectNode target, JsonNode body, String... fields) {
    for (String f : fields) {
      if (body.has(f) && !body.get(f).isNull()) {
        target.put(f, body.get(f).asText());
      }
    }
  }

  /** Replaces map/object fields present in a body (properties, options). */
  static void copyObject(ObjectNode target, JsonNode body, String... fields) {
    for (String f : fields) {
      if (body.has(f) && body.get(f).isObject()) {
        target.set(f, Json.copy(body.get(f)));
      }
    }
  }

  /** The API form of a stored object: a copy without the emulator's "__" fields, with metastore_id. */
  ObjectNode render(ObjectNode stored) {
    ObjectNode out = Json.copy(stored);
    for (Iterator<Map.Entry<String, JsonNode>> it = out.properties().iterator(); it.hasNext(); ) {
      if (it.next().getKey().startsWith("__")) {
        it.remove();
      }
    }
    out.put("metastore_id", store.metastoreId());
    return out;
  }

  // ------------------------------------------------------------ existence and isolation

  ObjectNode require(UcType type, String key) {
    ObjectNode o = store.get(type, key);
    if (o == null) {
      throw UcErrors.notFound(type, key);
    }
    return o;
  }

  private static final Set<String> ISOLATED = Set.of("ISOLATED", "ISOLATION_MODE_ISOLATED");

  static boolean isolated(ObjectNode node) {
    String mode = Json.text(node, "isolation_mode");
    return mode != null && ISOLATED.contains(mode);
  }

  /** Whether this workspace may use a securable: open, or isolated and bound to this workspace. */
  boolean boundHere(UcType type, String key, ObjectNode node) {
    if (!isolated(node)) {
      return true;
    }
    var b = store.bindingsOrNull(type, key);
    return b != null && b.containsKey(workspaceId());
  }

  /** An existing securable this workspace may use (catalogs, credentials, external locations). */
  ObjectNode accessible(UcType type, String key) {
    ObjectNode o = require(type, key);
    if (!boundHere(type, key, o)) {
      throw UcErrors.notAccessible(type, key);
    }
    return o;
  }

  ObjectNode catalog(String name) {
    return accessible(UcType.CATALOG, key(name));
  }

  /** A catalog this workspace may create objects in: accessible, not bound read-only, not built-in. */
  ObjectNode writableCatalog(String name) {
    ObjectNode c = catalog(name);
    var b = store.bindingsOrNull(UcType.CATALOG, key(name));
    if (b != null && isolated(c)
        && "BINDING_TYPE_READ_ONLY".equals(b.get(workspaceId()))) {
      throw UcErrors.readOnly(key(name));
    }
    if (BuiltIns.isBuiltIn(key(name))) {
      throw UcErrors.invalid("Catalog '" + key(name) + "' is managed by Databricks and cannot be modified.");
    }
    return c;
  }

  /** An existing schema "c.s" in an accessible catalog. */
  ObjectNode schema(String catalog, String schema) {
    catalog(catalog);
    return require(UcType.SCHEMA, key(catalog) + "." + key(schema));
  }

  /** A schema objects may be created in. */
  ObjectNode writableSchema(String catalog, String schema) {
    writableCatalog(catalog);
    return require(UcType.SCHEMA, key(catalog) + "." + key(schema));
  }

  /** An existing leaf (table, volume, model) by full name, its catalog accessible. */
  ObjectNode leaf(UcType type, String fullName) {
    String[] p = parts(type, fullName, 3);
    schema(p[0], p[1]);
    return require(type, String.join(".", p));
  }
}
