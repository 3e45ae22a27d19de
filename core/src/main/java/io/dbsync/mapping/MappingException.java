package io.dbsync.mapping;

import java.util.List;

/**
 * A mapping file that cannot be used (one line naming the key), or a configuration that needs mapping
 * entries it does not have ({@link #needs}; the message lists each with the entry to add).
 */
public class MappingException extends Exception {
  private final List<Need> needs;

  public MappingException(String message) {
    this(message, List.of());
  }

  public MappingException(String message, Throwable cause) {
    super(message, cause);
    this.needs = List.of();
  }

  public MappingException(String message, List<Need> needs) {
    super(message);
    this.needs = List.copyOf(needs);
  }

  /** What the mapping lacks (empty for a bad file). */
  public List<Need> needs() {
    return needs;
  }
}
