package io.dbsync.crypto;

import java.io.IOException;

/** A key that cannot be used or a message that cannot be encrypted or decrypted; the message says which. */
public final class PgpException extends IOException {
  public PgpException(String message) {
    super(message);
  }

  public PgpException(String message, Throwable cause) {
    super(message, cause);
  }
}
