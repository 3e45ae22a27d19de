package io.dbsync.state;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
 */
public record StateEntry(String type, String id, ObjectNode attributes, List<String> dependencies,
                         String dir, Set<String> sensitive, boolean adopted) {
  public StateEntry {
    dependencies = List.copyOf(dependencies);
    sensitive = Set.copyOf(sensitive);
  }

  /** An entry for an object the import created (not adopted). */
  public StateEntry(String type, String id, ObjectNode attributes, List<String> dependencies, String dir,
                    Set<String> sensitive) {
    this(type, id, attributes, dependencies, dir, sensitive, false);
  }
}
