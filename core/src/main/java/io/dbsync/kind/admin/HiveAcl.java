package io.dbsync.kind.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What SHOW GRANTS says about one securable itself (rows it inherits from its database or the
 * catalog are dropped): its owner (the OWN row), the privileges granted and those denied
 * (DENIED_x rows), per principal. {@link #converge} writes one half, grants or denies, without
 * disturbing the other: a REVOKE lifts a privilege whether granted or denied, so what it lifts from
 * the other half is put back.
 */
record HiveAcl(String owner, SortedMap<String, SortedSet<String>> grants, SortedMap<String, SortedSet<String>> denies) {
  private static final String DENIED = "DENIED_";
  private static final String ALL = "ALL PRIVILEGES";

  /** The rows of SHOW GRANTS ON the securable: Principal, ActionType, ObjectType, ObjectKey. */
  static HiveAcl of(HiveSecurable on, List<List<String>> rows) {
    String owner = null;
    SortedMap<String, SortedSet<String>> grants = new TreeMap<>();
    SortedMap<String, SortedSet<String>> denies = new TreeMap<>();
    for (List<String> row : rows) {
      if (row.size() < 4 || row.get(0) == null || row.get(1) == null || !on.owns(row.get(2), row.get(3))) {
        continue;
      }
      String principal = row.get(0);
      String action = row.get(1);
      if (action.equals("OWN")) {
        owner = principal;
      } else if (action.startsWith(DENIED)) {
        denies.computeIfAbsent(principal, k -> new TreeSet<>()).add(action.substring(DENIED.length()));
      } else {
        grants.computeIfAbsent(principal, k -> new TreeSet<>()).add(action);
      }
    }
    return new HiveAcl(owner, grants, denies);
  }

  /**
   * The statements that make the grants ({@code denying} false) or the denies ({@code denying} true)
   * on {@code on} equal {@code desired}: per principal, REVOKE what is no longer wanted, put back
   * what that REVOKE lifted but should stay (in either half), then GRANT or DENY what is missing.
   */
  List<String> converge(HiveSecurable on, Map<String, ? extends Set<String>> desired, boolean denying) {
    SortedMap<String, SortedSet<String>> mine = denying ? denies : grants;
    SortedMap<String, SortedSet<String>> other = denying ? grants : denies;
    Set<String> principals = new TreeSet<>(mine.keySet());
    principals.addAll(desired.keySet());
    List<String> out = new ArrayList<>();
    for (String p : principals) {
      Set<String> current = mine.getOrDefault(p, new TreeSet<>());
      Set<String> want = desired.containsKey(p) ? new TreeSet<>(desired.get(p)) : new TreeSet<>();
      Set<String> remove = new TreeSet<>(current);
      remove.removeAll(want);
      Set<String> add = new TreeSet<>(want);
      Set<String> restoreOther = new TreeSet<>();
      if (!remove.isEmpty()) {
        out.add("REVOKE " + String.join(", ", remove) + " ON " + on.clause() + " FROM " + SqlRunner.ident(p));
        boolean all = remove.contains(ALL);
        if (!all) {
          add.removeAll(current); // kept privileges of this half were not touched
        }
        for (String o : other.getOrDefault(p, new TreeSet<>())) {
          if (all || remove.contains(o)) {
            restoreOther.add(o);
          }
        }
      } else {
        add.removeAll(current);
      }
      if (!restoreOther.isEmpty()) {
        out.add(statement(!denying, restoreOther, on, p));
      }
      if (!add.isEmpty()) {
        out.add(statement(denying, add, on, p));
      }
    }
    return out;
  }

  private static String statement(boolean deny, Set<String> privileges, HiveSecurable on, String principal) {
    return (deny ? "DENY " : "GRANT ") + String.join(", ", privileges) + " ON " + on.clause() + " TO "
        + SqlRunner.ident(principal);
  }
}
