package io.dbsync.importer;

/** The import cannot proceed: bad config, missing variable, unknown type, reference cycle... */
public class ImportException extends Exception {
  public ImportException(String message) {
    super(message);
  }

  public ImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
