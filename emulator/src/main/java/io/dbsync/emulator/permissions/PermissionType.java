package io.dbsync.emulator.permissions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the api-reference §8 table: the request object type used in the URL, the object_type
 * the response names, the levels it accepts, where admins' CAN_MANAGE is inherited from, whether
 * the object keeps exactly one IS_OWNER, and whether admins instead hold a direct CAN_MANAGE grant
 * (token usage: the real /authorization/tokens ACL lists it with inherited=false).
 */
record PermissionType(String requestType, String objectType, List<String> levels, String rootObject, boolean hasOwner,
                      boolean adminsDirect) {

  private static final Map<String, PermissionType> ALL = new LinkedHashMap<>();

  private static final List<String> WORKSPACE_LEVELS = List.of("CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE");

  static {
    add("clusters", "cluster", List.of("CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE"), "/clusters/", false);
    add("cluster-policies", "cluster-policy", List.of("CAN_USE"), "/cluster-policies/", false);
    add("instance-pools", "instance-pool", List.of("CAN_ATTACH_TO", "CAN_MANAGE"), "/instance-pools/", false);
    add("jobs", "job", List.of("CAN_VIEW", "CAN_MANAGE_RUN", "IS_OWNER", "CAN_MANAGE"), "/jobs/", true);
    add("pipelines", "pipelines", List.of("CAN_VIEW", "CAN_RUN", "CAN_MANAGE", "IS_OWNER"), "/pipelines/", true);
    add("notebooks", "notebook", WORKSPACE_LEVELS, "/directories/", false);
    add("directories", "directory", WORKSPACE_LEVELS, "/directories/", false);
    add("files", "file", WORKSPACE_LEVELS, "/directories/", false);
    add("repos", "repo", WORKSPACE_LEVELS, "/directories/", false);
    add("sql/warehouses", "warehouses", List.of("CAN_USE", "CAN_MONITOR", "CAN_VIEW", "CAN_MANAGE", "IS_OWNER"), "/sql/warehouses/", true);
    ALL.put("warehouses", ALL.get("sql/warehouses"));
    add("registered-models", "registered-model", List.of("CAN_READ", "CAN_EDIT", "CAN_MANAGE_STAGING_VERSIONS",
        "CAN_MANAGE_PRODUCTION_VERSIONS", "CAN_MANAGE"), "/registered-models/", false);
    add("experiments", "mlflowExperiment", List.of("CAN_READ", "CAN_EDIT", "CAN_MANAGE"), "/experiments/", false);
    ALL.put("authorization/tokens", new PermissionType("authorization/tokens", "tokens", List.of("CAN_USE", "CAN_MANAGE"),
        "/authorization/tokens", false, true));
    add("authorization/passwords", "passwords", List.of("CAN_USE"), "/authorization/passwords", false);
    add("dashboards", "dashboard", WORKSPACE_LEVELS, "/dashboards/", false);
    add("serving-endpoints", "serving-endpoint", List.of("CAN_VIEW", "CAN_QUERY", "CAN_MANAGE"), "/serving-endpoints/", false);
    // DBSQL objects: the GA levels (CAN_VIEW was replaced by CAN_READ); "sql/queries" and "sql/alerts"
    // are the forms the Terraform provider uses for the same objects
    add("dbsql-dashboards", "dashboard", WORKSPACE_LEVELS, "/dbsql-dashboards/", false);
    add("queries", "query", WORKSPACE_LEVELS, "/queries/", false);
    add("alerts", "alert", WORKSPACE_LEVELS, "/alerts/", false);
    ALL.put("sql/queries", ALL.get("queries"));
    ALL.put("sql/alerts", ALL.get("alerts"));
  }

  private static void add(String requestType, String objectType, List<String> levels, String root, boolean owner) {
    ALL.put(requestType, new PermissionType(requestType, objectType, levels, root, owner, false));
  }

  /** By the URL's request object type ("jobs", "sql/warehouses", "authorization/tokens"...), or null. */
  static PermissionType of(String requestType) {
    return ALL.get(requestType);
  }

  /** "authorization/tokens" and friends identify a singleton: the type is "authorization", the id "tokens". */
  boolean singleton() {
    return requestType.startsWith("authorization/");
  }

  /** object_id of the response: "/jobs/123", "/sql/warehouses/abc", "/authorization/tokens". */
  String objectId(String id) {
    return singleton() ? "/" + requestType : "/" + requestType + "/" + id;
  }

  /** Type name used by the existence checks other families register (workspace.registerPermissionObject). */
  String existenceType() {
    return singleton() ? "authorization" : requestType;
  }

  String description(String level) {
    return switch (level) {
      case "CAN_MANAGE" -> "Can manage";
      case "IS_OWNER" -> "Is owner";
      case "CAN_VIEW" -> "Can view";
      case "CAN_READ" -> "Can read";
      case "CAN_RUN" -> "Can run";
      case "CAN_EDIT" -> "Can edit";
      case "CAN_USE" -> "Can use";
      case "CAN_ATTACH_TO" -> "Can attach to";
      case "CAN_RESTART" -> "Can restart";
      case "CAN_MANAGE_RUN" -> "Can manage run";
      case "CAN_MONITOR" -> "Can monitor";
      case "CAN_QUERY" -> "Can query";
      default -> level.replace('_', ' ').toLowerCase();
    };
  }
}
