package io.dbsync.config;

/** An invalid export configuration; the message is one line and names the offending key path. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
