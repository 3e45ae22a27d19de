package io.dbsync.tf.config;

/**
 * The revision cannot be imported as written: invalid or conflicting blocks, a missing variable, an
 * unknown --databricks-object-type, an expression that does not parse. The message names the file,
 * resource or variable.
 */
public class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
