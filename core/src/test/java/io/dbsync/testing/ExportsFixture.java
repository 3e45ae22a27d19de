package io.dbsync.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a small exports/ tree the way the exporter lays it out. JSON is written with ' for ". */
public final class ExportsFixture {
  public final Path exports;

  public ExportsFixture(Path root) throws IOException {
    this.exports = Files.createDirectories(root.resolve("exports"));
  }

  /** Writes exports/<rel>; single quotes in {@code json} become double quotes. */
  public ExportsFixture file(String rel, String json) throws IOException {
    Path p = exports.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, json.replace('\'', '"'), StandardCharsets.UTF_8);
    return this;
  }

  public ExportsFixture delete(String rel) throws IOException {
    Files.delete(exports.resolve(rel));
    return this;
  }

  /**
   * The standard tree: a policy, a cluster using it and the admins group (data), a job on the
   * cluster with a passive-mode pause status, a secret scope with a sensitive secret, a notebook.
   */
  public static ExportsFixture standard(Path root) throws IOException {
    ExportsFixture f = new ExportsFixture(root);
    f.file("main.tf.json", "{'terraform': {'required_providers': {'databricks': {'source': 'databricks/databricks'}}},"
        + " 'provider': {'databricks': {}}}");
    f.file("variables.tf.json", "{'variable': {'PASSIVE': {'type': 'string', 'default': 'false'},"
        + " 'CLOUD': {'type': 'string', 'default': 'aws'},"
        + " 'secret_val': {'type': 'string', 'sensitive': true}}}");
    f.file("cluster_policy/p1.tf.json", "{'resource': {'databricks_cluster_policy': {'p1': {'name': 'p1',"
        + " 'definition': '{}'}}}}");
    f.file("cluster/c1.tf.json", "{'resource': {'databricks_cluster': {'c1': {'name': 'c1', 'spark_version': '13.3',"
        + " 'policy_id': '${databricks_cluster_policy.p1.id}', 'owner_group': '${data.databricks_group.admins.id}',"
        + " 'custom_tags': {'team': 'etl'}}}},"
        + " 'data': {'databricks_group': {'admins': {'display_name': 'admins'}}}}");
    f.file("job/j1.tf.json", "{'resource': {'databricks_job': {'j1': {'name': 'j1',"
        + " 'existing_cluster_id': '${databricks_cluster.c1.id}',"
        + " 'schedule': [{'quartz_cron_expression': '0 0 * * * ?',"
        + " 'pause_status': '${var.PASSIVE ? \\'PAUSED\\' : \\'UNPAUSED\\'}'}]}}}}");
    f.file("secrets/s1.tf.json", "{'resource': {'databricks_secret_scope': {'s1': {'name': 's1'}},"
        + " 'databricks_secret': {'s1_k': {'name': 'k', 'scope': '${databricks_secret_scope.s1.name}',"
        + " 'string_value': '${var.secret_val}'}}}}");
    f.file("notebook/n1.tf.json", "{'resource': {'databricks_notebook': {'n1': {'name': 'n1', 'path': '/Shared/n1',"
        + " 'source': '${path.module}/notebook/data/Shared/n1.py'}}}}");
    Files.createDirectories(f.exports.resolve("notebook/data/Shared"));
    Files.writeString(f.exports.resolve("notebook/data/Shared/n1.py"), "print('hello')\n");
    return f;
  }
}
