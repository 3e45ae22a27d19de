package io.dbsync.state.backend;

import java.io.IOException;

/** A --backend-file that cannot be used; the message is one line and names the file (and position). */
public class InvalidBackendFileException extends IOException {
  public InvalidBackendFileException(String message) {
    super(message);
  }
}
