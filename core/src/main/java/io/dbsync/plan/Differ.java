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
 * The diff rule that makes import idempotent and sees drift. Every key of the resolved desired
 * attributes is compared with the refreshed object, recursively inside nested blocks; a key the
 * refreshed object lacks is a change (someone removed it in the target). Only write-only attributes
 * (declared by the kind, {@code Kind#writeOnly}: secret values, passwords, the API never returns
 * them) fall back to the state's last-applied value. A key present in last-applied but absent from
 * desired is a removal. Keys only the refreshed object has (server-side defaults, computed values the
 * kind kept) are not changes. Null and empty blocks or lists count as absent. Scalars compare by
 * value ("5" equals 5), see {@link Expressions#looseEquals}.
 */
public final class Differ {
  private Differ() {}

  /**
   * @param writeOnly the kind's write-only attribute paths the comparison used (the plan text asks the
   *                  differ again inside changed values, with the same paths)
   */
  public record Result(List<AttrChange> changes, boolean replace, Set<String> writeOnly) {
    public Result {
      writeOnly = Set.copyOf(writeOnly);
    }

    public Result(List<AttrChange> changes, boolean replace) {
      this(changes, replace, Set.of());
    }

    public boolean empty() {
      return changes.isEmpty();
    }
  }

  /** {@link #diff(ObjectNode, ObjectNode, ObjectNode, Set, boolean, Set)} for a kind without write-only attributes. */
  public static Result diff(ObjectNode desired, ObjectNode refreshed, ObjectNode lastApplied,
                            Set<String> forceNew, boolean replaceOnAnyChange) {
    return diff(desired, refreshed, lastApplied, forceNew, replaceOnAnyChange, Set.of());
  }

  /**
   * @param desired     resolved desired attributes in compare form (artifacts as sha256)
   * @param refreshed   the object in the target now (or, with --skip-refresh, the last-applied attrs);
   *                    null compares with last-applied only
   * @param lastApplied the state's last-applied attributes, may be null
   * @param forceNew    attribute paths ("a", "a.b") whose change forces replace
   * @param writeOnly   attribute paths the API never returns: compared with last-applied
   */
  public static Result diff(ObjectNode desired, ObjectNode refreshed, ObjectNode lastApplied,
                            Set<String> forceNew, boolean replaceOnAnyChange, Set<String> writeOnly) {
    Set<String> keys = new TreeSet<>();
    desired.fieldNames().forEachRemaining(keys::add);
    if (lastApplied != null) {
      lastApplied.fieldNames().forEachRemaining(keys::add);
    }
    List<AttrChange> changes = new ArrayList<>();
    boolean replace = false;
    for (String k : keys) {
      JsonNode d = absentIfNull(desired.get(k));
      JsonNode l = lastApplied == null ? null : absentIfNull(lastApplied.get(k));
      JsonNode r = refreshed == null ? l : absentIfNull(refreshed.get(k));
      List<String> paths = new ArrayList<>();
      JsonNode before = r != null || !touches(k, writeOnly) ? r : l; // what the target has, as far as it shows
      if (d == null) {
        if (l == null) {
          continue; // only the target has it: computed or defaulted there
        }
        paths.add(k);
      } else {
        new Comparison(writeOnly).compare(k, d, r, l, paths);
      }
      if (paths.isEmpty()) {
        continue;
      }
      boolean forces = replaceOnAnyChange || paths.stream().anyMatch(p -> touches(p, forceNew));
      replace |= forces;
      changes.add(new AttrChange(k, before, d, forces));
    }
    return new Result(List.copyOf(changes), replace, writeOnly);
  }

  /** One comparison: which paths are write-only (may take the last-applied value when the target has none). */
  private record Comparison(Set<String> writeOnly) {
    /** Adds the paths at which desired {@code d} differs from refreshed {@code r}. */
    void compare(String path, JsonNode d, JsonNode r, JsonNode l, List<String> out) {
      JsonNode actual = r != null ? r : touches(path, writeOnly) ? l : null;
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
          compare(path + "." + k, dk, rk, lk, out);
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
  }

  /** Null, missing and empty blocks/lists all mean "not set" (as {@code TfJson.prune} has it). */
  private static JsonNode absentIfNull(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() || (n.isContainerNode() && n.isEmpty()) ? null : n;
  }

  /**
   * The write-only paths at or inside {@code path} ("a.0.b"), relative to it: "" for the value itself
   * (write-only, or inside a write-only attribute), "c" for its member c. Empty when nothing there is
   * write-only.
   */
  public static Set<String> writeOnlyWithin(String path, Set<String> writeOnly) {
    String p = path.replaceAll("\\.[0-9]+(?=\\.|$)", "");
    Set<String> out = new TreeSet<>();
    for (String f : writeOnly) {
      if (p.equals(f) || p.startsWith(f + ".")) {
        out.add("");
      } else if (f.startsWith(p + ".")) {
        out.add(f.substring(p.length() + 1));
      }
    }
    return out;
  }

  /**
   * True when a path touches one of the attribute paths (force-new, write-only): equal after dropping
   * list indexes, inside it, or containing it (a whole block).
   */
  static boolean touches(String path, Set<String> attributePaths) {
    String p = path.replaceAll("\\.[0-9]+(?=\\.|$)", "");
    for (String f : attributePaths) {
      if (p.equals(f) || p.startsWith(f + ".") || f.startsWith(p + ".")) {
        return true;
      }
    }
    return false;
  }
}
