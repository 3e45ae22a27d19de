package io.dbsync.kind.identity;

import com.databricks.sdk.service.iam.Patch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SCIM entitlements ({@code [{"value": "allow-cluster-create"}]}) as the Terraform booleans users,
 * groups and service principals share. Only granted entitlements become attributes (true); absent
 * ones stay absent, which Terraform reads as its default false.
 */
final class Entitlements {
  /** SCIM value -> Terraform attribute. */
  static final Map<String, String> ATTRIBUTES = new LinkedHashMap<>();

  static {
    ATTRIBUTES.put("allow-cluster-create", "allow_cluster_create");
    ATTRIBUTES.put("allow-instance-pool-create", "allow_instance_pool_create");
    ATTRIBUTES.put("databricks-sql-access", "databricks_sql_access");
    ATTRIBUTES.put("workspace-access", "workspace_access");
    ATTRIBUTES.put("workspace-consume", "workspace_consume");
  }

  private Entitlements() {}

  /** Sets attrs.<attribute> = true for every known entitlement the object has. */
  static void toAttrs(JsonNode raw, ObjectNode attrs) {
    for (String value : Scim.values(raw, "entitlements")) {
      String attr = ATTRIBUTES.get(value);
      if (attr != null) {
        attrs.put(attr, true);
      }
    }
  }

  /** SCIM values the attributes grant. */
  static List<String> granted(JsonNode attrs) {
    List<String> out = new ArrayList<>();
    ATTRIBUTES.forEach((value, attr) -> {
      JsonNode v = attrs.get(attr);
      if (v != null && v.asBoolean(false)) {
        out.add(value);
      }
    });
    return out;
  }

  /** The entitlements array of a create body, or null when nothing is granted. */
  static ArrayNode body(JsonNode attrs) {
    List<String> granted = granted(attrs);
    if (granted.isEmpty()) {
      return null;
    }
    ArrayNode arr = TfJson.array();
    granted.forEach(v -> arr.addObject().put("value", v));
    return arr;
  }

  /**
   * Operations that turn the current entitlements into the desired ones: add what is missing,
   * remove (by value filter, as the provider does) the known ones no longer wanted. Unknown
   * entitlements the object has are left alone.
   */
  static List<Patch> diff(JsonNode current, JsonNode desiredAttrs) {
    List<String> have = Scim.values(current, "entitlements");
    List<String> want = granted(desiredAttrs);
    List<Patch> ops = new ArrayList<>();
    List<String> toAdd = want.stream().filter(v -> !have.contains(v)).toList();
    if (!toAdd.isEmpty()) {
      ops.add(Scim.add("entitlements", toAdd));
    }
    for (String v : have) {
      if (ATTRIBUTES.containsKey(v) && !want.contains(v)) {
        ops.add(Scim.removeValue("entitlements", v));
      }
    }
    return ops;
  }
}
