/**
 * One class per Databricks object kind behind {@link io.dbsync.kind.Kind}, used by export and import
 * alike; {@link io.dbsync.kind.KindRegistry#standard()} registers them, one line each. A kind sees only
 * its contexts ({@link io.dbsync.kind.ExportContext}, {@link io.dbsync.kind.ApplyContext}), never the
 * engines. Sub-packages group kinds by API family. See docs/architecture.md for the contract.
 */
package io.dbsync.kind;
