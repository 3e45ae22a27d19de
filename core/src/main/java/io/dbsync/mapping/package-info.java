/**
 * Moves across clouds and accounts: the mapping file ({@link io.dbsync.mapping.Mapping}: node types,
 * cloud attribute blocks, instance profiles, storage prefixes, principal renames, workspace paths, the
 * missing-principals policy) and its translation of a desired configuration for a
 * {@link io.dbsync.mapping.Target} (source and target cloud, the target's principals). The import calls
 * {@link io.dbsync.mapping.Migration#prepare} once, between reading the revision and planning; every
 * kind gets the mapping that way, none knows of it. Depends only on the ground floor (tf, tf.config,
 * client).
 */
package io.dbsync.mapping;
