package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.TfJson;

/**
 * The DENYs of legacy table ACLs on one securable. The provider has no way to write a DENY
 * (databricks_sql_permissions skips DENIED_x rows on read and can only GRANT), and dropping a DENY
 * would widen access in the target: a group granted SELECT on a database but denied one table would
 * read that table. So they are carried in Terraform's built-in {@code terraform_data} resource, valid
 * for any Terraform and without effect there, whose input databricks-sync applies:
 * <pre>
 *   "terraform_data": {"sales_salaries_...": {
 *     "input": {"hive_metastore_denies": {"database": "sales", "table": "${databricks_sql_table.x.name}",
 *               "deny_assignments": [{"principal": "analysts", "privileges": ["SELECT"]}]}},
 *     "depends_on": ["databricks_sql_permissions.sales_salaries_..."]}}
 * </pre>
 * The selector attributes are databricks_sql_permissions'; the id is the securable's ACL id. A
 * mirror like the grants ({@link AclHalfKind}): applying makes the object's denies exactly these,
 * and puts back any grant a REVOKE lifts. A terraform_data of another use is refused by name. Written after the object's grants (depends_on), so one securable's writes never
 * overlap. Exported for an object with denies, and always for the three catalog-wide objects.
 */
public final class HiveDenyKind extends AclHalfKind {
  public HiveDenyKind() {
    super(true);
  }

  static final String TYPE = "terraform_data";
  static final String INPUT_KEY = "hive_metastore_denies";
  private static final HiveDenyKind DENIES = new HiveDenyKind();
  private static final KindInfo INFO = KindInfo.resourceOnly(TYPE, "metastore",
      "Hive metastore ACL DENYs (Terraform's built-in resource, applied by databricks-sync only)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  /** The deny resource of a securable, named as its grants resource and written after it. */
  static ExportedResource resource(Rendering rendering, HiveSecurable on, JsonNode denies, String name) {
    ObjectNode attrs = DENIES.config(on, denies, rendering);
    attrs.putArray("depends_on").add(SqlPermissionsKind.TYPE + "." + name);
    return new ExportedResource(TYPE, name, attrs);
  }

  @Override
  ObjectNode config(HiveSecurable on, JsonNode denies, Rendering rendering) {
    ObjectNode input = SqlPermissionsKind.selector(on, rendering);
    input.set("deny_assignments", SqlPermissionsKind.assignments(denies));
    ObjectNode out = TfJson.object();
    out.putObject("input").set(INPUT_KEY, input);
    return out;
  }

  @Override
  JsonNode body(ObjectNode attrs) {
    JsonNode in = attrs.path("input").path(INPUT_KEY);
    if (!in.isObject()) {
      throw new IllegalArgumentException("databricks-sync applies terraform_data resources only as Hive metastore denies "
          + "(input." + INPUT_KEY + "); this one has input " + attrs.path("input"));
    }
    return in;
  }

  @Override
  String assignmentsKey() {
    return "deny_assignments";
  }
}
