package io.dbsync.mapping;

import java.util.Locale;

/**
 * What an import does with users, groups and service principals that the target workspace lacks.
 * {@code CREATE} is the engine's behaviour without a policy: the principals the export declares are
 * created. The other policies first list the target's principals (one SCIM listing per kind).
 */
public enum PrincipalPolicy {
  /** Declared principals are created in the target (the default). */
  CREATE,
  /** Each missing principal must be renamed by the mapping file to one the target has. */
  MAP,
  /** Missing principals are not created and the entries naming them are removed: access only narrows. */
  DROP,
  /** Any missing principal stops the import before a write. */
  FAIL;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** create|map|drop|fail in any case; anything else is an IllegalArgumentException naming the choices. */
  public static PrincipalPolicy parse(String value) {
    for (PrincipalPolicy p : values()) {
      if (value != null && p.id().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown missing-principals policy '" + value
        + "' (expected create, map, drop or fail)");
  }
}
