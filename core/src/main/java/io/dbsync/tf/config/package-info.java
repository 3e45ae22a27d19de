/**
 * Reading a revision, as terraform's configs: {@link io.dbsync.tf.config.ConfigReader} reads the
 * resource, data and variable blocks of exports/, {@link io.dbsync.tf.config.ConfigRefs} what they refer
 * to (through the expression parser), {@link io.dbsync.tf.config.VariableResolver} the variable values
 * (default &lt; TF_VAR_ &lt; files &lt; --var). Failures are {@link io.dbsync.tf.config.ConfigException}s.
 */
package io.dbsync.tf.config;
