package io.dbsync.kind.uc;

import io.dbsync.client.Rest;

import java.io.IOException;

/**
 * The import's word for a grant or owner naming a principal the target does not know: Unity Catalog
 * principals are account-level users, groups and service principals, so a missing one must be added
 * to the account (or exported with objects.identity so that the import creates it).
 */
final class Principals {
  private Principals() {}

  /** A write naming principals; PRINCIPAL_DOES_NOT_EXIST becomes a message saying what to do. */
  interface Write {
    void run() throws IOException;
  }

  static void naming(String what, Write write) throws IOException {
    try {
      write.run();
    } catch (IOException | RuntimeException e) {
      if (Rest.hasCode(e, "PRINCIPAL_DOES_NOT_EXIST")) {
        throw new IOException(what + ": " + Rest.error(e).getMessage() + " — Unity Catalog principals must exist at "
            + "account level: add the user, group or service principal to the target's account (or export it with "
            + "objects.identity)", e);
      }
      throw e;
    }
  }
}
