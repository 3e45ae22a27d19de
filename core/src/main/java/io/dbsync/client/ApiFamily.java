package io.dbsync.client;

import java.net.URI;

/**
 * The API family a request belongs to, from its path, named as the Databricks services (and the
 * emulator's families) are: clusters, policies, instance-pools, instance-profiles, libraries,
 * global-init-scripts, jobs, workspace, dbfs, secrets, scim, permissions, sql (warehouses, statements),
 * queries, alerts, lakeview, repos, notification-destinations, experiments and registered-models
 * (MLflow), pipelines, serving-endpoints, workspace-conf, commands, and meta for the discovery
 * endpoints outside /api. Rate limits
 * are set per family, so this is what a per-family pacer keys on; {@link CountingHttpClient} counts
 * the calls of each.
 */
public record ApiFamily(String name) {
  /** The family of a request URL or path ("/api/2.1/clusters/get" is clusters). */
  public static ApiFamily of(String urlOrPath) {
    String path = urlOrPath.contains("://") ? URI.create(urlOrPath).getPath() : urlOrPath;
    String[] seg = path.replaceFirst("^/+", "").split("/");
    if (seg.length < 3 || !seg[0].equals("api")) {
      return new ApiFamily("meta");
    }
    if (seg[1].equals("1.2")) {
      return new ApiFamily("commands");
    }
    String first = seg[2];
    if (first.equals("preview") && seg.length > 3) {
      first = seg[3];
    }
    if (first.equals("sql") && seg.length > 3 && (seg[3].equals("queries") || seg[3].equals("alerts"))) {
      return new ApiFamily(seg[3]); // the DBSQL objects are services of their own under sql/
    }
    if (first.equals("mlflow") && seg.length > 3) {
      // MLflow is several services: experiments, registered-models (also under mlflow/databricks/)...
      first = seg[3].equals("databricks") && seg.length > 4 ? seg[4] : seg[3];
    }
    return new ApiFamily(switch (first) {
      case "policy-families" -> "policies";
      case "statements", "warehouses", "sql" -> "sql";
      default -> first;
    });
  }

  @Override
  public String toString() {
    return name;
  }
}
