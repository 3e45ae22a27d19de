/**
 * Pre-flight assessment ({@code databricks-sync assess}): what an export of the source and an import
 * into the target would do and cost, without writing anywhere. {@link io.dbsync.assess.Assessor} runs
 * the exporter in its probing mode over a read-only client (artifacts are only probed, the tree goes to
 * a scratch folder that is deleted), lists the target the same way, and the checks read the resulting
 * configuration as import would: skipped objects, principals, node types, cloud blocks and paths,
 * secrets without values, objects the target already has, and API calls and time at the published
 * rate limits. {@link io.dbsync.assess.AssessReports} writes the console summary, JSON and a
 * self-contained HTML page. Sits beside export (uses export, kind, client, tf.config, report).
 */
package io.dbsync.assess;
