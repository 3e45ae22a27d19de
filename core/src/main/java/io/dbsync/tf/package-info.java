/**
 * Terraform JSON: canonical writing and reading ({@link io.dbsync.tf.TfJson}), resource names
 * ({@link io.dbsync.tf.Names}) and interpolation strings ({@link io.dbsync.tf.Refs}). Below it,
 * {@code tf.config} reads a revision and {@code tf.expr} evaluates its expressions.
 */
package io.dbsync.tf;
