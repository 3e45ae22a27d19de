/**
 * The export engine: {@link io.dbsync.export.ExportRun} (git, export, report) over
 * {@link io.dbsync.export.Exporter}, which lists every selected kind, then exports each object into
 * exports/&lt;dir&gt;/&lt;name&gt;.tf.json, keeping the files of whatever failed, and writes the root
 * files. Output is canonical: an unchanged workspace exports byte-identical trees. See
 * docs/architecture.md.
 */
package io.dbsync.export;
