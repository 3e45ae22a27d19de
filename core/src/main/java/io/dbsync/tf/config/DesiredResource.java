package io.dbsync.tf.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;

/**
 * A resource block of the revision.
 *
 * @param attrs      raw attributes, interpolations unresolved, meta-arguments removed
 * @param references addresses ("type.name") of resources the attributes refer to, plus depends_on
 * @param dir        the exports/ sub-folder of its file (null for files at the exports root)
 * @param file       the file it was read from (for messages)
 */
public record DesiredResource(String type, String name, ObjectNode attrs, List<String> references,
                              String dir, Path file) {
  public DesiredResource {
    references = List.copyOf(references);
  }

  public String address() {
    return type + "." + name;
  }
}
