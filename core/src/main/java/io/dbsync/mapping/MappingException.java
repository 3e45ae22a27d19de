package io.dbsync.mapping;

/**
 * A mapping file that cannot be used (one line naming the key), or a configuration that needs mapping
 * entries it does not have (the message lists each need with the entry to add).
 */
public class MappingException extends Exception {
  public MappingException(String message) {
    super(message);
  }

  public MappingException(String message, Throwable cause) {
    super(message, cause);
  }
}
