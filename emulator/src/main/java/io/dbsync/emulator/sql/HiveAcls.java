package io.dbsync.emulator.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Legacy table ACLs: GRANTs and DENYs of principals on the securables of the Hive metastore, keyed
 * "CATALOG", "ANY FILE", "ANONYMOUS FUNCTION", "DATABASE db" or "TABLE db.t" (views included). A
 * DENY is kept as the action {@code DENIED_<privilege>}, as SHOW GRANTS prints it; REVOKE removes
 * a privilege whether it was granted or denied. Ownership is not an ACL entry here (the catalog
 * keeps owners and SHOW GRANTS adds the OWN row).
 */
final class HiveAcls {
  static final String CATALOG = "CATALOG";
  static final String ANY_FILE = "ANY FILE";
  static final String ANONYMOUS_FUNCTION = "ANONYMOUS FUNCTION";

  /** Which privileges each kind of securable takes (the Hive metastore privilege table). */
  private static final Map<String, Set<String>> VALID = Map.of(
      CATALOG, Set.of("SELECT", "CREATE", "MODIFY", "USAGE", "READ_METADATA", "CREATE_NAMED_FUNCTION", "MODIFY_CLASSPATH",
          "ALL PRIVILEGES"),
      "DATABASE", Set.of("SELECT", "CREATE", "MODIFY", "USAGE", "READ_METADATA", "CREATE_NAMED_FUNCTION", "ALL PRIVILEGES"),
      "TABLE", Set.of("SELECT", "MODIFY", "READ_METADATA", "ALL PRIVILEGES"),
      "VIEW", Set.of("SELECT", "READ_METADATA", "ALL PRIVILEGES"),
      ANY_FILE, Set.of("SELECT", "MODIFY", "ALL PRIVILEGES"),
      ANONYMOUS_FUNCTION, Set.of("SELECT", "ALL PRIVILEGES"));

  private final Map<String, Map<String, TreeSet<String>>> acls = new TreeMap<>();

  /** The privileges of a GRANT/DENY/REVOKE list, upper-case; an invalid one is an error naming it. */
  static List<String> privileges(String list, String securableType, String objectName) {
    List<String> out = new ArrayList<>();
    for (String p : list.split(",")) {
      String priv = p.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
      if (priv.equals("ALL")) {
        priv = "ALL PRIVILEGES";
      }
      if (!VALID.get(securableType).contains(priv)) {
        throw new HiveCatalog.SqlError("INVALID_PRIVILEGE", "42852", "Action " + p.strip() + " cannot be granted on "
            + securableType.toLowerCase(Locale.ROOT) + (objectName.isEmpty() ? "" : " " + objectName) + ".");
      }
      out.add(priv);
    }
    return out;
  }

  void grant(String key, String principal, List<String> privileges) {
    acls.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(principal, k -> new TreeSet<>()).addAll(privileges);
  }

  void deny(String key, String principal, List<String> privileges) {
    TreeSet<String> held = acls.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(principal, k -> new TreeSet<>());
    privileges.forEach(p -> held.add("DENIED_" + p));
  }

  void revoke(String key, String principal, List<String> privileges) {
    Map<String, TreeSet<String>> onObject = acls.get(key);
    TreeSet<String> held = onObject == null ? null : onObject.get(principal);
    if (held == null) {
      return;
    }
    if (privileges.contains("ALL PRIVILEGES")) {
      held.clear();
    } else {
      privileges.forEach(p -> {
        held.remove(p);
        held.remove("DENIED_" + p);
      });
    }
    if (held.isEmpty()) {
      onObject.remove(principal);
    }
  }

  /** Principal -> actions on a securable (read-only view; empty when nothing is granted). */
  Map<String, TreeSet<String>> on(String key) {
    return acls.getOrDefault(key, new TreeMap<>());
  }

  void drop(String key) {
    acls.remove(key);
  }

  /** Every securable's entries (for the state dump). */
  Map<String, Map<String, TreeSet<String>>> all() {
    return new LinkedHashMap<>(acls);
  }
}
