package io.dbsync.mapping;

import java.util.List;

/**
 * Something the configuration needs that the mapping does not say: what it is, the mapping-file entry
 * that would settle it (YAML, with a placeholder in angle brackets for the value to choose), and the
 * resources (addresses) that need it.
 */
public record Need(String what, String entry, List<String> where) {
  public Need {
    where = List.copyOf(where);
  }

  /** One line: what, where, and the entry to add. */
  @Override
  public String toString() {
    return what + " (" + String.join(", ", where) + "); add to the mapping file: " + entry;
  }
}
