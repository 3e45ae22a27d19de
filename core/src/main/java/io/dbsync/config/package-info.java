/**
 * The export YAML: parsing and validation ({@link io.dbsync.config.ExportConfig}, errors name the key),
 * one kind's block ({@link io.dbsync.config.KindSettings}), the one selection rule of every kind
 * ({@link io.dbsync.config.Selection}: patterns, by, exclude_path) and the {@code init} template.
 */
package io.dbsync.config;
