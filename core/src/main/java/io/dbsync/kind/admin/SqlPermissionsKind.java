package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * databricks_sql_permissions: the legacy table ACL grants on one securable, as the provider models
 * them (access/resource_sql_permissions.go): the catalog, ANY FILE, the anonymous function, a
 * database, a table or a view; ids "catalog/", "any file/", "anonymous function/", "database/db",
 * "table/db.t", "view/db.v". Read with SHOW GRANTS, keeping the rows of the object itself (not what
 * it inherits), without OWN (the owner is an attribute of the table or database) and without
 * DENIED_x (denies are {@link HiveDenyKind}'s).
 *
 * <p>A mirror: applying makes the target's grants on the object exactly the export's, revoking the
 * rest (the importing principal's included), and puts back any deny a REVOKE lifts. So every table,
 * view and database file holds this resource even when nothing is granted; the three catalog-wide
 * objects are listed here, in one file.
 */
public final class SqlPermissionsKind extends AclHalfKind {
  public SqlPermissionsKind() {
    super(false);
  }

  static final String TYPE = "databricks_sql_permissions";
  private static final KindInfo INFO = KindInfo.exported(TYPE, "metastore", "metastore",
      "Hive metastore ACLs on the catalog, databases, tables, views, ANY FILE and the anonymous function (grants)");
  /** File and resource names of the catalog-wide ACLs. */
  static final String CATALOG_NAME = "hive_catalog";
  private static final SqlPermissionsKind GRANTS = new SqlPermissionsKind();
  private static final Map<HiveSecurable, String> CATALOG_WIDE = Map.of(HiveSecurable.CATALOG, CATALOG_NAME,
      HiveSecurable.ANY_FILE, "hive_any_file", HiveSecurable.ANONYMOUS_FUNCTION, "hive_anonymous_function");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  JsonNode body(ObjectNode attrs) {
    return attrs;
  }

  @Override
  String assignmentsKey() {
    return "privilege_assignments";
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("table", "view", "database", "catalog", "any_file", "anonymous_function");
  }

  /** The catalog-wide ACLs: one object, whose file also holds those of ANY FILE and the anonymous function. */
  @Override
  public List<SourceObject> list(ExportContext ctx) {
    return List.of(new SourceObject(HiveSecurable.CATALOG.id(), CATALOG_NAME, null));
  }

  @Override
  public List<ExportedResource> export(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    List<ExportedResource> out = new ArrayList<>();
    for (HiveSecurable on : List.of(HiveSecurable.CATALOG, HiveSecurable.ANY_FILE, HiveSecurable.ANONYMOUS_FUNCTION)) {
      JsonNode acl = on.equals(HiveSecurable.CATALOG) ? raw : AclReader.read(ctx, on.id());
      if (acl != null) {
        out.addAll(resources(ctx.rendering(), on, acl, CATALOG_WIDE.get(on), true));
      }
    }
    return out;
  }

  /**
   * The ACL resources of one securable from its ACL JSON ({@link AclReader#toJson}): its grants,
   * then its denies when it has any (or always, with {@code denies}: the catalog-wide objects, which
   * every target has too).
   */
  static List<ExportedResource> resources(Rendering rendering, HiveSecurable on, JsonNode acl, String name, boolean denies) {
    List<ExportedResource> out = new ArrayList<>();
    out.add(new ExportedResource(TYPE, name, GRANTS.config(on, acl.path("grants"), rendering)));
    if (denies || !acl.path("denies").isEmpty()) {
      out.add(HiveDenyKind.resource(rendering, on, acl.path("denies"), name));
    }
    return out;
  }

  @Override
  ObjectNode config(HiveSecurable on, JsonNode grants, Rendering rendering) {
    ObjectNode out = selector(on, rendering);
    out.set("privilege_assignments", assignments(grants));
    return out;
  }

  /**
   * The attributes naming the securable. At export a database, table or view is a reference to its
   * databricks_schema / databricks_sql_table (so the ACL is applied once the object exists); at
   * refresh the plain name that reference resolves to.
   */
  static ObjectNode selector(HiveSecurable on, Rendering rendering) {
    ObjectNode out = TfJson.object();
    switch (on.type()) {
      case "CATALOG" -> out.put("catalog", true);
      case "ANY FILE" -> out.put("any_file", true);
      case "ANONYMOUS FUNCTION" -> out.put("anonymous_function", true);
      case "DATABASE" -> out.put("database", rendering.exporting()
          ? rendering.ref(HiveSchemaKind.TYPE, HiveSchemaKind.id(on.database()), "name") : on.database());
      default -> {
        out.put("database", on.database());
        out.put(on.type().equals("VIEW") ? "view" : "table", rendering.exporting()
            ? rendering.ref(SqlTableKind.TYPE, SqlTableKind.id(on.database(), on.name()), "name") : on.name());
      }
    }
    return out;
  }

  /** [{principal, privileges: [...]}] by principal, from {principal: [privileges]}. */
  static ArrayNode assignments(JsonNode byPrincipal) {
    ArrayNode out = TfJson.array();
    AclReader.byPrincipal(byPrincipal).forEach((principal, privileges) -> {
      ObjectNode a = out.addObject().put("principal", principal);
      ArrayNode p = a.putArray("privileges");
      privileges.forEach(p::add);
    });
    return out;
  }
}
