/**
 * The import engine's facade (the CLI's {@code import} calls it): {@link io.dbsync.importer.Importer#run()}
 * with {@link io.dbsync.importer.ImportOptions} takes the state lock, reads the revision
 * ({@code tf.config}), resolves variables, plans ({@code plan}), prints the plan and, with apply, carries
 * it out ({@code apply}); it returns an {@link io.dbsync.importer.ImportResult}. Failures that stop the
 * run before anything is applied are {@link io.dbsync.importer.ImportException}s. Secret values reach
 * the state only as salted hashes; a lock left by a dead run is released with
 * {@code import --force-unlock LOCK_ID}. The whole story: docs/architecture.md.
 */
package io.dbsync.importer;
