/**
 * The import engine: a built-in plan/apply for exported Terraform JSON, no terraform binary.
 *
 * <h2>Entry point</h2>
 * {@link io.dbsync.importer.Importer#run()} with {@link io.dbsync.importer.ImportOptions}; returns an
 * {@link io.dbsync.importer.ImportResult} (plan, plan text, plan JSON, applied changes, failures).
 *
 * <h2>Config</h2>
 * {@link io.dbsync.tf.config.ConfigReader} reads exports/*.tf.json and exports/&lt;dir&gt;/*.tf.json:
 * resource, data and variable blocks (terraform/provider/output ignored). --databricks-object-type
 * selects folders ({@link io.dbsync.tf.config.ObjectTypeSelection}); deletes are limited to state
 * entries from selected folders, so a partial import never destroys what it did not select.
 *
 * <h2>Variables</h2>
 * Default &lt; TF_VAR_name &lt; variable files (terraform.tfvars subset, *.json) &lt; --var. Only
 * variables the selected resources use must have a value. TF_VAR_PASSIVE=true turns on passive mode
 * ({@code ApplyContext.passive()}) even when the export does not declare PASSIVE.
 *
 * <h2>Expressions</h2>
 * See {@link io.dbsync.tf.expr.Expressions}: var/data/resource/path.module references, string, bool and
 * number literals, ==, !=, !, &amp;&amp;, ||, parentheses, {@code c ? a : b}. Nothing else.
 *
 * <h2>Plan</h2>
 * {@link io.dbsync.plan.Planner}: refresh every state entry through {@code Kind.refresh} (unless
 * --skip-refresh, then the state's last-applied attributes stand in), resolve desired attributes in
 * reference order (anything of a resource to be created or replaced is "(known after apply)"), diff
 * with {@link io.dbsync.plan.Differ} (write-only values fall back to last-applied; artifacts compare
 * as sha256 of the exported file), decide no-op / update / replace ({@code Kind.forceNew},
 * {@code replaceOnAnyChange}) / create / adopt ({@code Kind.adopt} for objects not in state) /
 * delete. Data sources are read through the kind of their type ({@code adopt} + {@code refresh});
 * {@code databricks_current_user} through SCIM Me.
 *
 * <h2>Apply</h2>
 * {@link io.dbsync.apply.Applier}: dependency order (deletes after their dependents), at most
 * DATABRICKS_SYNC_IMPORT_APPLY_PARALLELISM (default 4) concurrent actions on virtual threads,
 * references resolved from the state just before each action, state written after every action,
 * adopt-before-create so an interrupted run never duplicates objects that have a natural key. A
 * failed change skips its dependents; the rest goes on; {@code exitCode()} is 1.
 *
 * <h2>State and lock</h2>
 * {@link io.dbsync.state.StateDocument} (versioned JSON: version, serial, lineage, resources by
 * address with type, id, last-applied attributes, dependencies, folder, sensitive keys; secret
 * values are stored as applied, as terraform does: protect the state location), kept by a
 * {@link io.dbsync.state.StateStore} ({@link io.dbsync.state.LocalStateStore}: atomic rename, lock
 * file created exclusively). The lock is held for plan and apply; DATABRICKS_SYNC_IMPORT_LOCK=false
 * skips it (like terraform's -lock=false, for state locations without reliable exclusive create).
 * A run killed hard leaves the lock file behind: delete it (its content names the holder).
 */
package io.dbsync.importer;
