package io.dbsync.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.plan.Action;
import io.dbsync.plan.Plan;
import io.dbsync.plan.PlannedChange;
import io.dbsync.state.StateEntry;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Records in the state the content versions a refresh saw ({@code plan.Planner#observedContentVersions}),
 * so that the next refresh of an unchanged object reads no content. Only what is known to be right is
 * recorded: an artifact's version with the hash of the content the refresh found at it, and only when that
 * hash is one the state entry holds (what the import last applied), for an entry that is still the one
 * refreshed. Why that is safe: the refresh lists before it reads, so the content hashed is at least as new
 * as the version listed; had anyone written between the two, the version would have moved past the
 * recorded one, and a listing that no longer shows it makes the next refresh read. A write by someone else
 * after ours shows as content other than the state's, which is not recorded (the next refresh reads and
 * plans the change). Every write of the import empties an entry's versions ({@code Applier}).
 */
public final class ContentVersionRecorder {
  private ContentVersionRecorder() {}

  /**
   * After an apply: the versions the plan's refresh saw for objects it planned no change for, whose entry
   * the apply did not touch (so the object holds what the state says, as the refresh found).
   *
   * @return the number of entries whose versions changed
   */
  public static int unchanged(StateSession state, Plan plan, Map<String, ObjectNode> observed) throws IOException {
    Map<String, StateEntry> refreshedFrom = new TreeMap<>();
    for (PlannedChange c : plan.changes()) {
      if (c.action() == Action.NOOP && c.prior() != null) {
        refreshedFrom.put(c.address(), c.prior());
      }
    }
    return record(state, observed, (address, now) -> now.equals(refreshedFrom.get(address)));
  }

  /**
   * After the verification: the versions its refresh saw (with a run cache made after the apply, so the
   * listings show the objects after this run's writes) for the objects that converged.
   *
   * @param converged the addresses the verification found in sync
   */
  public static int converged(StateSession state, Map<String, ObjectNode> observed, Predicate<String> converged)
      throws IOException {
    return record(state, observed, (address, now) -> converged.test(address));
  }

  private interface Eligible {
    boolean test(String address, StateEntry now);
  }

  private static int record(StateSession state, Map<String, ObjectNode> observed, Eligible eligible) throws IOException {
    Map<String, StateEntry> updates = new TreeMap<>();
    for (Map.Entry<String, ObjectNode> o : observed.entrySet()) {
      Optional<StateEntry> now = state.get(o.getKey());
      if (now.isEmpty() || !eligible.test(o.getKey(), now.get())) {
        continue;
      }
      ObjectNode kept = heldByState(o.getValue(), now.get());
      if (!TfJson.write(kept).equals(TfJson.write(now.get().contentVersions()))) {
        updates.put(o.getKey(), now.get().withContentVersions(kept));
      }
    }
    state.putAll(updates);
    return updates.size();
  }

  /** The observed artifacts whose hash is a value of the entry's attributes (what the import applied). */
  private static ObjectNode heldByState(ObjectNode observed, StateEntry entry) {
    Set<String> hashes = new HashSet<>();
    entry.attributes().properties().forEach(a -> {
      if (a.getValue().isTextual()) {
        hashes.add(a.getValue().asText());
      }
    });
    ObjectNode kept = TfJson.object();
    observed.properties().forEach(a -> {
      JsonNode hash = a.getValue().get("hash");
      if (hash != null && hashes.contains(hash.asText())) {
        kept.set(a.getKey(), a.getValue());
      }
    });
    return kept;
  }
}
