package io.dbsync.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.expr.Expressions;
import io.dbsync.tf.expr.Unknown;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The diff rule that makes import idempotent. Every key of the resolved desired attributes is
 * compared with the refreshed object; where the refreshed object lacks a key (write-only values such
 * as secret values, or API fields not echoed back) the comparison falls back to the state's
 * last-applied value, recursively inside nested blocks. A key present in last-applied but absent from
 * desired is a removal. Keys only the refreshed object has (server-side defaults, computed values
 * the kind kept) are not changes. Null and empty blocks or lists count as absent. Scalars compare by value ("5" equals 5), see
 * {@link Expressions#looseEquals}.
 */
public final class Differ {
  private Differ() {}

  public record Result(List<AttrChange> changes, boolean replace) {
    public boolean empty() {
      return changes.isEmpty();
    }
  }

  /**
   * @param desired     resolved desired attributes in compare form (artifacts as sha256)
   * @param refreshed   the object in the target now (or, with --skip-refresh, the last-applied attrs), may be null
   * @param lastApplied the state's last-applied attributes, may be null
   * @param forceNew    attribute paths ("a", "a.b") whose change forces replace
   */
  public static Result diff(ObjectNode desired, ObjectNode refreshed, ObjectNode lastApplied,
                            Set<String> forceNew, boolean replaceOnAnyChange) {
    Set<String> keys = new TreeSet<>();
    desired.fieldNames().forEachRemaining(keys::add);
    if (lastApplied != null) {
      lastApplied.fieldNames().forEachRemaining(keys::add);
    }
    List<AttrChange> changes = new ArrayList<>();
    boolean replace = false;
    for (String k : keys) {
      JsonNode d = absentIfNull(desired.get(k));
      JsonNode r = refreshed == null ? null : absentIfNull(refreshed.get(k));
      JsonNode l = lastApplied == null ? null : absentIfNull(lastApplied.get(k));
      List<String> paths = new ArrayList<>();
      JsonNode before = r != null ? r : l;
      if (d == null) {
        if (l == null) {
          continue; // only the target has it: computed or defaulted there
        }
        paths.add(k);
      } else {
        compare(k, d, r, l, paths);
      }
      if (paths.isEmpty()) {
        continue;
      }
      boolean forces = replaceOnAnyChange || paths.stream().anyMatch(p -> hitsForceNew(p, forceNew));
      replace |= forces;
      changes.add(new AttrChange(k, before, d, forces));
    }
    return new Result(List.copyOf(changes), replace);
  }

  /** Adds the paths at which desired {@code d} differs from refreshed {@code r} (falling back to {@code l}). */
  private static void compare(String path, JsonNode d, JsonNode r, JsonNode l, List<String> out) {
    JsonNode actual = r != null ? r : l;
    if (actual == null || Unknown.is(d)) {
      out.add(path);
      return;
    }
    if (d.isObject() && actual.isObject()) {
      JsonNode lo = l != null && l.isObject() ? l : null;
      Iterator<String> it = d.fieldNames();
      while (it.hasNext()) {
        String k = it.next();
        JsonNode dk = absentIfNull(d.get(k));
        JsonNode rk = r != null && r.isObject() ? absentIfNull(r.get(k)) : null;
        JsonNode lk = lo == null ? null : absentIfNull(lo.get(k));
        if (dk == null) {
          if (lk != null) {
            out.add(path + "." + k);
          }
          continue;
        }
        compare(path + "." + k, dk, r == null ? null : rk, lk, out);
      }
      if (lo != null) {
        lo.fieldNames().forEachRemaining(k -> {
          if (absentIfNull(d.get(k)) == null && absentIfNull(lo.get(k)) != null && !out.contains(path + "." + k)) {
            out.add(path + "." + k);
          }
        });
      }
      return;
    }
    if (d.isArray() && actual.isArray()) {
      if (d.size() != actual.size()) {
        out.add(path);
        return;
      }
      for (int i = 0; i < d.size(); i++) {
        JsonNode ri = r != null && r.isArray() ? r.get(i) : null;
        JsonNode li = l != null && l.isArray() && l.size() == d.size() ? l.get(i) : null;
        compare(path + "." + i, d.get(i), ri, li, out);
      }
      return;
    }
    if (!Expressions.looseEquals(d, actual)) {
      out.add(path);
    }
  }

  /** Null, missing and empty blocks/lists all mean "not set" (as {@code TfJson.prune} has it). */
  private static JsonNode absentIfNull(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() || (n.isContainerNode() && n.isEmpty()) ? null : n;
  }

  /**
   * True when a changed path touches a force-new attribute: equal after dropping list indexes, inside
   * it, or containing it (a whole block changed).
   */
  static boolean hitsForceNew(String path, Set<String> forceNew) {
    String p = path.replaceAll("\\.[0-9]+(?=\\.|$)", "");
    for (String f : forceNew) {
      if (p.equals(f) || p.startsWith(f + ".") || f.startsWith(p + ".")) {
        return true;
      }
    }
    return false;
  }
}
