package io.dbsync.plan;

import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;
import io.dbsync.tf.config.ConfigException;
import io.dbsync.tf.config.DesiredConfig;
import io.dbsync.tf.config.DesiredResource;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * --target ADDRESS, as terraform's -target: the named resources and everything they depend on
 * (references, followed transitively), so that what they refer to exists; a named resource that
 * left the configuration but is in the state is planned for deletion. When destroying, the named
 * resources and everything that depends on them (the state's recorded dependencies), so no object is
 * left pointing at a deleted one. A target that names nothing is an error, not an empty plan.
 */
public final class TargetSelection {
  private TargetSelection() {}

  /** The addresses a plan of {@code config} against {@code state} covers for these targets. */
  public static Set<String> forPlan(Collection<String> targets, DesiredConfig config, StateDocument state)
      throws ConfigException {
    Map<String, DesiredResource> byAddress = new HashMap<>();
    config.resources().forEach(r -> byAddress.put(r.address(), r));
    Set<String> out = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>();
    for (String t : targets) {
      String address = t.strip();
      if (!byAddress.containsKey(address) && state.get(address).isEmpty()) {
        throw new ConfigException("--target " + t + " names no resource of the revision or the state"
            + " (an address is TYPE.NAME, e.g. databricks_cluster.etl)");
      }
      todo.add(address);
    }
    while (!todo.isEmpty()) {
      String address = todo.pop();
      if (!out.add(address)) {
        continue;
      }
      DesiredResource r = byAddress.get(address);
      if (r != null) {
        r.references().stream().filter(byAddress::containsKey).forEach(todo::add);
      }
    }
    return out;
  }

  /** The addresses a --destroy covers: the targets and, transitively, what depends on them. */
  public static Set<String> forDestroy(Collection<String> targets, StateDocument state) throws ConfigException {
    Set<String> out = new TreeSet<>();
    for (String t : targets) {
      String address = t.strip();
      if (state.get(address).isEmpty()) {
        throw new ConfigException("--target " + t + " names no resource of the state");
      }
      out.add(address);
    }
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, StateEntry> e : state.resources().entrySet()) {
        if (!out.contains(e.getKey()) && e.getValue().dependencies().stream().anyMatch(out::contains)) {
          out.add(e.getKey());
          grew = true;
        }
      }
    }
    return out;
  }
}
