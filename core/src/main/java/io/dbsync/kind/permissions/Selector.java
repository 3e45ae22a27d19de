package io.dbsync.kind.permissions;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One object selector of databricks_permissions: the Terraform attribute, the permissions API path
 * segment ({@code /api/2.0/permissions/<requestType>/<id>}), the resource type the selector value
 * refers to, and whether the value is a workspace path (resolved to an object id at import).
 */
public record Selector(String attribute, String requestType, String ownerType, boolean byPath) {
  private static final List<Selector> ALL = List.of(
      new Selector("cluster_id", "clusters", "databricks_cluster", false),
      new Selector("cluster_policy_id", "cluster-policies", "databricks_cluster_policy", false),
      new Selector("instance_pool_id", "instance-pools", "databricks_instance_pool", false),
      new Selector("job_id", "jobs", "databricks_job", false),
      new Selector("pipeline_id", "pipelines", "databricks_pipeline", false),
      // path variants first: they are what refresh emits for workspace objects (see forRequestType)
      new Selector("notebook_path", "notebooks", "databricks_notebook", true),
      new Selector("notebook_id", "notebooks", "databricks_notebook", false),
      new Selector("directory_path", "directories", "databricks_directory", true),
      new Selector("directory_id", "directories", "databricks_directory", false),
      new Selector("workspace_file_path", "files", "databricks_workspace_file", true),
      new Selector("workspace_file_id", "files", "databricks_workspace_file", false),
      new Selector("repo_id", "repos", "databricks_repo", false),
      new Selector("repo_path", "repos", "databricks_repo", true),
      new Selector("experiment_id", "experiments", "databricks_mlflow_experiment", false),
      new Selector("registered_model_id", "registered-models", "databricks_mlflow_model", false),
      new Selector("serving_endpoint_id", "serving-endpoints", "databricks_model_serving", false),
      new Selector("sql_endpoint_id", "sql/warehouses", "databricks_sql_endpoint", false),
      new Selector("sql_query_id", "sql/queries", "databricks_query", false),
      new Selector("sql_alert_id", "sql/alerts", "databricks_alert", false),
      new Selector("dashboard_id", "dashboards", "databricks_dashboard", false),
      new Selector("authorization", "authorization", null, false));

  private static final Map<String, Selector> BY_ATTRIBUTE = new LinkedHashMap<>();

  static {
    for (Selector s : ALL) {
      BY_ATTRIBUTE.put(s.attribute, s);
    }
  }

  public static Optional<Selector> byAttribute(String attribute) {
    return Optional.ofNullable(BY_ATTRIBUTE.get(attribute));
  }

  /** The selector refresh emits for an object type: the path variant for workspace objects (notebooks, directories, files). */
  public static Optional<Selector> forRequestType(String requestType) {
    return ALL.stream().filter(s -> s.requestType.equals(requestType)).findFirst();
  }

  /** The single selector attribute set in resolved attributes. */
  public static Selector of(ObjectNode attrs) {
    Selector found = null;
    for (Selector s : ALL) {
      if (attrs.hasNonNull(s.attribute)) {
        if (found != null) {
          throw new IllegalArgumentException("databricks_permissions has two object selectors: "
              + found.attribute + " and " + s.attribute);
        }
        found = s;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("databricks_permissions has no object selector");
    }
    return found;
  }

  public static List<String> attributes() {
    return ALL.stream().map(Selector::attribute).toList();
  }

  /** The same object addressed by id instead of path (or itself). */
  public Selector idVariant() {
    if (!byPath) {
      return this;
    }
    return ALL.stream().filter(s -> s.requestType.equals(requestType) && !s.byPath).findFirst().orElse(this);
  }
}
