package io.dbsync.kind.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes to legacy table ACLs. A principal the target workspace lacks fails only what names it:
 * the other statements still run, then one error lists every missing principal of the object (the
 * import's rule for missing principals: report clearly, fail that object, not the run).
 */
final class AclStatements {
  private AclStatements() {}

  /** Runs GRANT/DENY/REVOKE statements on {@code on}, in order. */
  static void run(SqlRunner sql, HiveSecurable on, List<String> statements) throws IOException {
    List<String> missing = new ArrayList<>();
    for (String statement : statements) {
      try {
        sql.query(statement);
      } catch (SqlRunner.SqlFailure e) {
        if (!e.principalMissing()) {
          throw e;
        }
        missing.add(statement + ": " + e.getMessage());
      }
    }
    if (!missing.isEmpty()) {
      throw new IOException("principals missing in the target workspace, so " + on.describe()
          + " lacks these ACL entries (the others were applied): " + String.join("; ", missing));
    }
  }

  /** ALTER ... OWNER TO; a missing principal is an error naming the object and the principal. */
  static void setOwner(SqlRunner sql, HiveSecurable on, String owner) throws IOException {
    try {
      sql.query("ALTER " + on.clause() + " OWNER TO " + SqlRunner.ident(owner));
    } catch (SqlRunner.SqlFailure e) {
      if (!e.principalMissing()) {
        throw e;
      }
      throw new IOException("owner " + owner + " of " + on.describe() + " does not exist in the target workspace, so "
          + "the importing principal stays its owner: " + e.getMessage(), e);
    }
  }
}
