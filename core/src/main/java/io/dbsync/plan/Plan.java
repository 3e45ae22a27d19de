package io.dbsync.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * A whole plan: every selected resource's change (no-ops included), sorted by address, and the data
 * source values read while planning (the apply resolves data references with the same values).
 */
public record Plan(List<PlannedChange> changes, Map<String, ObjectNode> dataSources, boolean destroy) {
  public Plan {
    changes = List.copyOf(changes);
    dataSources = Map.copyOf(dataSources);
  }

  public List<PlannedChange> actionable() {
    return changes.stream().filter(PlannedChange::isChange).toList();
  }

  public boolean hasChanges() {
    return changes.stream().anyMatch(PlannedChange::isChange);
  }

  public int toAdd() {
    return count(Action.CREATE) + count(Action.REPLACE);
  }

  public int toChange() {
    return count(Action.UPDATE)
        + (int) changes.stream().filter(c -> c.action() == Action.ADOPT && !c.change().diffs().isEmpty()).count();
  }

  public int toDestroy() {
    return count(Action.DELETE) + count(Action.REPLACE);
  }

  /** Adopted objects the state stops tracking; they stay in the workspace. */
  public int toRelease() {
    return count(Action.RELEASE);
  }

  public int toImport() {
    return count(Action.ADOPT);
  }

  private int count(Action a) {
    return (int) changes.stream().filter(c -> c.action() == a).count();
  }
}
