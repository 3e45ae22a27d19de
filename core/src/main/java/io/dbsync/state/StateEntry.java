package io.dbsync.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;

import java.util.List;
import java.util.Set;

/**
 * One managed object in the import state.
 *
 * @param type        Terraform resource type
 * @param id          the object's id in the target workspace
 * @param attributes  what was last applied, resolved (references as target ids, artifacts as
 *                    "sha256:<hex>"); the diff falls back to these for write-only values
 * @param dependencies addresses this resource referred to when it was applied (orders deletes)
 * @param dir         exports/ sub-folder the resource came from (filters --databricks-object-type), or null
 * @param sensitive   top-level attribute names whose value came from a sensitive variable (masked in plans)
 * @param adopted     the object existed in the target before the import took it over: never deleted, only released
 * @param contentVersions the kind's private refresh metadata (Terraform's per-instance "private"): per artifact,
 *                    the target's listing metadata that identifies the content's version and the content's
 *                    "sha256:<hex>" at that version ({@code {"<artifact>":{"version":{...},"hash":"sha256:..."}}}),
 *                    so a refresh whose listing shows the same version answers the hash without reading the
 *                    content; empty when unknown (every write empties it: the next refresh reads)
 */
public record StateEntry(String type, String id, ObjectNode attributes, List<String> dependencies,
                         String dir, Set<String> sensitive, boolean adopted, ObjectNode contentVersions) {
  public StateEntry {
    dependencies = List.copyOf(dependencies);
    sensitive = Set.copyOf(sensitive);
    contentVersions = contentVersions == null ? TfJson.object() : contentVersions;
  }

  /** An entry without refresh metadata (what a write records: the content's version is not known yet). */
  public StateEntry(String type, String id, ObjectNode attributes, List<String> dependencies, String dir,
                    Set<String> sensitive, boolean adopted) {
    this(type, id, attributes, dependencies, dir, sensitive, adopted, null);
  }

  /** An entry for an object the import created (not adopted). */
  public StateEntry(String type, String id, ObjectNode attributes, List<String> dependencies, String dir,
                    Set<String> sensitive) {
    this(type, id, attributes, dependencies, dir, sensitive, false);
  }

  /** This entry with other refresh metadata. */
  public StateEntry withContentVersions(ObjectNode versions) {
    return new StateEntry(type, id, attributes, dependencies, dir, sensitive, adopted, versions);
  }
}
