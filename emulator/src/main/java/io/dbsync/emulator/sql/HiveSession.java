package io.dbsync.emulator.sql;

import java.util.function.Predicate;

/**
 * Who runs statements and where: the calling principal (the owner of what it creates), the current
 * database unqualified names resolve in (the statement's {@code schema}, or USE in a command
 * context) and which principal names exist. Statements through the APIs check principals in GRANT,
 * DENY and OWNER TO; seed statements do not (a seed may describe grants to since-deleted
 * principals, which the real metastore keeps).
 */
public final class HiveSession {
  private final String user;
  private final Predicate<String> principalExists;
  private String database;

  public HiveSession(String user, String database, Predicate<String> principalExists) {
    this.user = user;
    this.database = database == null || database.isBlank() ? "default" : database.toLowerCase(java.util.Locale.ROOT);
    this.principalExists = principalExists;
  }

  /** A session that accepts every principal name (seeding). */
  static HiveSession unchecked(String user) {
    return new HiveSession(user, "default", p -> true);
  }

  public String user() {
    return user;
  }

  public String database() {
    return database;
  }

  void use(String database) {
    this.database = database;
  }

  void requirePrincipal(String principal) {
    if (!principalExists.test(principal)) {
      throw new HiveCatalog.SqlError("PRINCIPAL_DOES_NOT_EXIST", "42704", "Could not find principal with name " + principal + ".");
    }
  }
}
