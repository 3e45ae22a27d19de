package io.dbsync.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes of kinds whose objects the target keeps in an order ({@link Kind#orderedBy}: global init
 * scripts' position, which the API renumbers on every insert, move and delete).
 *
 * <p>Moving one object to its position shifts the objects between its old and new place, so
 * parallel writes, or writes of the moved objects only, leave the order wrong. The rule: the kind's
 * changes run one at a time in ascending desired position, after the kind's deletes; and from the
 * first object that moves (created, replaced, or its position differs) on, every later object in the
 * desired order is set to its position again, even if it looked in place before the moves. Then
 * positions 0..k are right after the k-th write, and the order is the desired one after one import.
 */
final class Sequences {
  private Sequences() {}

  /** The changes, with the in-place objects after the first moving one turned into position updates. */
  static List<PlannedChange> resettle(List<PlannedChange> changes, KindRegistry kinds) {
    Map<String, PlannedChange> out = new LinkedHashMap<>();
    changes.forEach(c -> out.put(c.address(), c));
    for (Map.Entry<String, List<PlannedChange>> e : orderedByType(changes, kinds).entrySet()) {
      String attr = orderedBy(e.getValue().getFirst(), kinds);
      boolean moved = false;
      for (PlannedChange c : e.getValue()) {
        if (moved && !movesOrWrites(c, attr)) {
          out.put(c.address(), setAgain(c, attr));
        }
        moved |= moves(c, attr);
      }
    }
    return new ArrayList<>(out.values());
  }

  /**
   * Extra edges: each writing change of an ordered kind waits for the previous one in the desired
   * order and for every delete of the kind.
   */
  static Map<String, Set<String>> edges(List<PlannedChange> changes, KindRegistry kinds) {
    Map<String, Set<String>> out = new HashMap<>();
    for (Map.Entry<String, List<PlannedChange>> e : orderedByType(changes, kinds).entrySet()) {
      List<String> deletes = changes.stream()
          .filter(c -> c.type().equals(e.getKey()) && c.action() == Action.DELETE).map(PlannedChange::address).toList();
      String previous = null;
      for (PlannedChange c : e.getValue()) {
        if (!c.isChange()) {
          continue;
        }
        Set<String> deps = out.computeIfAbsent(c.address(), k -> new LinkedHashSet<>());
        deps.addAll(deletes);
        if (previous != null) {
          deps.add(previous);
        }
        previous = c.address();
      }
    }
    return out;
  }

  /** Desired changes of ordered kinds by type, in ascending desired position (then address). */
  private static Map<String, List<PlannedChange>> orderedByType(List<PlannedChange> changes, KindRegistry kinds) {
    Map<String, List<PlannedChange>> out = new LinkedHashMap<>();
    for (PlannedChange c : changes) {
      String attr = orderedBy(c, kinds);
      if (attr != null && c.desired() != null && c.change().after() != null
          && c.change().after().path(attr).canConvertToLong()) {
        out.computeIfAbsent(c.type(), k -> new ArrayList<>()).add(c);
      }
    }
    out.values().forEach(l -> l.sort(Comparator.<PlannedChange>comparingLong(c -> c.change().after().get(
        orderedBy(c, kinds)).asLong()).thenComparing(PlannedChange::address)));
    return out;
  }

  private static boolean moves(PlannedChange c, String attr) {
    return switch (c.action()) {
      case CREATE, REPLACE -> true;
      case UPDATE, ADOPT -> c.change().diffs().stream().anyMatch(d -> d.key().equals(attr));
      default -> false;
    };
  }

  /** True when the change already sends the object's position (every write of such a kind does). */
  private static boolean movesOrWrites(PlannedChange c, String attr) {
    return moves(c, attr) || c.action() == Action.UPDATE
        || (c.action() == Action.ADOPT && !c.change().diffs().isEmpty());
  }

  private static PlannedChange setAgain(PlannedChange c, String attr) {
    JsonNode before = c.change().before() == null ? null : c.change().before().get(attr);
    JsonNode after = c.change().after().get(attr);
    List<AttrChange> diffs = new ArrayList<>(c.change().diffs());
    diffs.add(new AttrChange(attr, before, after, false));
    Action action = c.action() == Action.ADOPT ? Action.ADOPT : Action.UPDATE;
    return new PlannedChange(c.address(), c.type(), c.name(), c.id(),
        new PlannedChange.Change(action, c.change().before(), c.change().after(), diffs, c.change().writeOnly()), c.dependencies(),
        c.sensitive(), c.desired(), c.prior(), "set again: objects before it in the order move", c.adoptChecked());
  }

  /** The attribute that orders {@code c}'s kind in the target, or null when its kind keeps no order. */
  private static String orderedBy(PlannedChange c, KindRegistry kinds) {
    JsonNode attrs = c.change().after() != null ? c.change().after() : c.change().before();
    return kinds.forObject(c.type(), c.id(), attrs).map(Kind::orderedBy).orElse(null);
  }
}
