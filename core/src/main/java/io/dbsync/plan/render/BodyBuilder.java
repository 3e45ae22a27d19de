package io.dbsync.plan.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.plan.Differ;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.expr.Expressions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

import static io.dbsync.plan.render.DisplayValues.absentIfEmpty;
import static io.dbsync.plan.render.DisplayValues.isBlock;
import static io.dbsync.plan.render.DisplayValues.isList;
import static io.dbsync.plan.render.DisplayValues.isMap;
import static io.dbsync.plan.render.DisplayValues.scalar;

/**
 * Builds the {@link Body} of a resource as terraform shows it: a whole object (create "+", destroy
 * "-") or the changes between the object in the target and the desired one. Inside a changed value
 * the rule is the differ's: keys only the target has are computed there and not shown, a key the
 * target lacks is added, unless it is write-only (the API never echoes it: the last-applied value
 * stands in), and what is equal is only counted.
 * Whether two values are equal is asked of {@link Differ} itself, so the text never disagrees with
 * the plan's actions. Top-level attributes fed by sensitive variables read "(sensitive value)".
 */
final class BodyBuilder {
  private final Set<String> sensitive;
  /** The kind's write-only attribute paths (Kind#writeOnly). */
  private final Set<String> writeOnly;

  BodyBuilder(Set<String> sensitive, Set<String> writeOnly) {
    this.sensitive = sensitive;
    this.writeOnly = writeOnly;
  }

  /** Every attribute of {@code o}: "+" for a create, "-" (with "-> null") for a destroy. */
  Body whole(String sym, JsonNode o, boolean top) {
    Body body = new Body();
    for (String key : DisplayValues.fieldNames(o)) {
      JsonNode v = absentIfEmpty(o.get(key));
      if (v != null) {
        wholeItem(body, sym, key, v, top);
      }
    }
    return body;
  }

  /** Adds {@code key} with all of its value under one symbol. */
  void wholeItem(Body body, String sym, String key, JsonNode v, boolean top) {
    String toNull = sym.equals("-") ? " -> null" : "";
    if (top && sensitive.contains(key)) {
      body.add(new Body.Attr(sym, key, DisplayValues.SENSITIVE + toNull));
    } else if (isBlock(key, v)) {
      for (JsonNode element : v.isArray() ? v : List.of(v)) {
        body.add(new Body.Nested(sym, key, true, "{", whole(sym, element, false), "}", null, ""));
      }
    } else if (isMap(key, v)) {
      Body entries = new Body();
      for (String k : DisplayValues.fieldNames(v)) {
        entries.add(new Body.Attr(sym, DisplayValues.mapKey(k), scalar(v.get(k)) + toNull));
      }
      body.add(new Body.Nested(sym, key, false, "{", entries, "}", null, toNull));
    } else if (isList(v)) {
      Body elements = new Body();
      v.forEach(e -> elements.add(new Body.Attr(sym, null, scalar(e))));
      body.add(new Body.Nested(sym, key, false, "[", elements, "]", null, toNull));
    } else {
      body.add(new Body.Attr(sym, key, scalar(v) + toNull));
    }
  }

  /**
   * Adds the change of the top-level attribute {@code key} from {@code before} (the target's value, or
   * last-applied where a write-only one is not shown) to {@code after}; {@code last} is the
   * last-applied value, may be null.
   *
   * @return the items added (the first carries a "# forces replacement" note when the caller adds one)
   */
  List<Body.Item> change(Body body, String key, JsonNode before, JsonNode after, JsonNode last) {
    return change(body, key, key, before, after, last, true);
  }

  /** {@link #change(Body, String, JsonNode, JsonNode, JsonNode)} of the value at {@code path} (key inside a block). */
  private List<Body.Item> change(Body body, String path, String key, JsonNode before, JsonNode after, JsonNode last,
                                 boolean top) {
    int from = body.items.size();
    if (before == null) {
      wholeItem(body, "+", key, after, top);
    } else if (after == null) {
      wholeItem(body, "-", key, before, top);
    } else if (top && sensitive.contains(key)) {
      body.add(new Body.Attr("~", key, DisplayValues.SENSITIVE + " -> " + DisplayValues.SENSITIVE));
    } else if (before.isObject() && after.isObject() && isMap(key, after)) {
      body.add(new Body.Nested("~", key, false, "{", members(path, before, after, last, true), "}", null, ""));
    } else if (before.isObject() && after.isObject()) {
      body.add(new Body.Nested("~", key, true, "{", members(path, before, after, last, false), "}", null, ""));
    } else if (isBlock(key, before) && isBlock(key, after)) {
      blockList(body, path, key, before, after, last);
    } else if (isList(before) && isList(after)) {
      Body elements = new Body();
      align(before, after, (x, y) -> Expressions.looseEquals(x, y), elements,
          (sym, v) -> elements.add(new Body.Attr(sym, null, scalar(v))));
      body.add(new Body.Nested("~", key, false, "[", elements, "]", null, ""));
    } else {
      body.add(new Body.Attr("~", key, scalar(before) + " -> " + scalar(after)));
    }
    return new ArrayList<>(body.items.subList(from, body.items.size()));
  }

  /** The members of a changed block or map: desired and last-applied keys; what only the target has is computed there. */
  private Body members(String path, JsonNode before, JsonNode after, JsonNode last, boolean map) {
    Body body = new Body();
    Set<String> keys = new TreeSet<>(DisplayValues.fieldNames(after));
    keys.addAll(DisplayValues.fieldNames(last));
    for (String k : keys) {
      JsonNode a = absentIfEmpty(after.get(k));
      JsonNode l = last == null ? null : absentIfEmpty(last.get(k));
      JsonNode r = absentIfEmpty(before.get(k));
      String at = path + "." + k;
      JsonNode b = r != null || Differ.writeOnlyWithin(at, writeOnly).isEmpty() ? r : l;
      if (a == null && l == null) {
        continue;
      }
      if (a != null && b != null && same(at, r, a, l)) {
        if (map) {
          body.hiddenElements++;
        } else if (isBlock(k, a)) {
          body.hiddenBlocks++;
        } else {
          body.hiddenAttributes++;
        }
        continue;
      }
      String key = map ? DisplayValues.mapKey(k) : k;
      if (map && a != null && b != null) {
        body.add(new Body.Attr("~", key, scalar(b) + " -> " + scalar(a)));
      } else if (map) {
        body.add(new Body.Attr(a == null ? "-" : "+", key, scalar(a == null ? b : a) + (a == null ? " -> null" : "")));
      } else {
        change(body, at, key, b, a, l, false);
      }
    }
    return body;
  }

  /** A repeated block: element by element when the count is the same, else the blocks removed and added. */
  private void blockList(Body body, String path, String key, JsonNode before, JsonNode after, JsonNode last) {
    if (before.size() == after.size()) {
      boolean lastAligned = last != null && last.isArray() && last.size() == after.size();
      for (int i = 0; i < after.size(); i++) {
        JsonNode l = lastAligned ? last.get(i) : null;
        if (same(path, before.get(i), after.get(i), l)) {
          body.hiddenBlocks++;
        } else {
          body.add(new Body.Nested("~", key, true, "{", members(path + "." + i, before.get(i), after.get(i), l, false),
              "}", null, ""));
        }
      }
      return;
    }
    align(before, after, (x, y) -> same(path, x, y, null), body,
        (sym, v) -> body.add(new Body.Nested(sym, key, true, "{", whole(sym, v, false), "}", null, "")));
  }

  interface Emit {
    void add(String sym, JsonNode value);
  }

  /**
   * Lines up two lists on their longest common subsequence: kept elements are counted as hidden
   * (blocks in a block list, elements in a list), the others are removed ("-") or added ("+").
   */
  private static void align(JsonNode before, JsonNode after, BiPredicate<JsonNode, JsonNode> equal, Body body, Emit emit) {
    int n = before.size();
    int m = after.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = equal.test(before.get(i), after.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    boolean blocks = isBlock("", after) || isBlock("", before);
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && equal.test(before.get(i), after.get(j))) {
        if (blocks) {
          body.hiddenBlocks++;
        } else {
          body.hiddenElements++;
        }
        i++;
        j++;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        emit.add("-", before.get(i++));
      } else {
        emit.add("+", after.get(j++));
      }
    }
  }

  /**
   * Equal as the differ sees the value at {@code path}: desired {@code after} against the target's
   * {@code before}, write-only parts falling back to {@code last}.
   */
  private boolean same(String path, JsonNode before, JsonNode after, JsonNode last) {
    Set<String> within = new TreeSet<>();
    Differ.writeOnlyWithin(path, writeOnly).forEach(w -> within.add(w.isEmpty() ? "v" : "v." + w));
    return Differ.diff(wrap(after), before == null ? null : wrap(before), last == null ? null : wrap(last),
        Set.of(), false, within).empty();
  }

  private static ObjectNode wrap(JsonNode v) {
    ObjectNode o = TfJson.object();
    o.set("v", v);
    return o;
  }
}
