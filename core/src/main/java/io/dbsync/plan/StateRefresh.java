package io.dbsync.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Clients;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.kind.VersionedRefresh;
import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The refresh of state entries (each object read from the target with {@link VersionedRefresh}), run in
 * the background so that it can start as soon as the state is read, while the revision is read and
 * planned; the planner then waits for the addresses it plans ({@link #await}).
 *
 * <p>How it is scheduled, and why. A refresh's cost is not one request per object: most objects are
 * answered from a listing another object's refresh already asked for (500 notebooks from 63 folder
 * listings, 200 users from two pages of the user listing), while the permissions of an object have no
 * listing and cost one GET each. So the refresh does not order families by what one request costs (as
 * the apply does, {@link FamilySchedule#of}), which put the per-object GETs last and let objects
 * waiting for a shared listing hold the slots the others needed. Instead, while the client paces
 * itself, each API family is its own lane of up to {@code parallelism} refreshes and the families run
 * side by side without a common limit: the server limits each family on its own and the client's pacer
 * holds each at its rate, so objects waiting for their family's listing (or bucket) can only hold
 * their own family's slots, and the permissions GETs start at once and run at their family's rate. A
 * client that does not pace keeps the common limit of {@code parallelism} (lanes of half of it, slow
 * families first), since then the slots are the only thing that bounds the requests in flight.
 *
 * <p>Objects known by path (workspace and DBFS) start spread over their folders, so the refreshes
 * running at once ask for different folders' listings rather than wait for the same one. An object
 * that refers to a workspace object (a notebook's permissions) starts after that object's refresh,
 * which records the object's path that the permissions' refresh shows (else it would list the whole
 * workspace tree to find it).
 */
public final class StateRefresh implements AutoCloseable {
  private static final String WORKSPACE_FAMILY = "workspace";

  private final LaneRunner<VersionedRefresh.Result> runner;

  StateRefresh(LaneRunner<VersionedRefresh.Result> runner) {
    this.runner = runner;
  }

  /**
   * Starts refreshing {@code addresses} (each must be in {@code state}) through {@code ctx}, which the
   * planner must use too: the listings read are shared through its run cache.
   */

  public static StateRefresh start(KindRegistry kinds, ApplyContext ctx, StateDocument state,
                                   Collection<String> addresses, int parallelism) {
    Map<String, StateEntry> entries = new HashMap<>();
    for (String a : new TreeSet<>(addresses)) {
      entries.put(a, state.get(a).orElseThrow(() -> new IllegalArgumentException(a + " is not in the state")));
    }
    Map<String, String> family = new HashMap<>();
    entries.forEach((a, e) -> family.put(a, FamilySchedule.familyOf(e.type())));
    Map<String, List<String>> after = new HashMap<>();
    entries.forEach((a, e) -> {
      if (!WORKSPACE_FAMILY.equals(family.get(a))) {
        List<String> workspaceObjects = e.dependencies().stream()
            .filter(d -> entries.containsKey(d) && WORKSPACE_FAMILY.equals(family.get(d))).toList();
        if (!workspaceObjects.isEmpty()) {
          after.put(a, workspaceObjects);
        }
      }
    });
    Map<String, Long> priority = new HashMap<>();
    family.values().forEach(f -> priority.put(f, FamilySchedule.microsPerRequest(f, false)));
    boolean paced = Clients.paced(ctx.client());
    int laneLimit = paced ? parallelism : Math.max(1, parallelism / 2);
    int totalLimit = paced ? Integer.MAX_VALUE : parallelism;
    LaneRunner<VersionedRefresh.Result> runner = new LaneRunner<>(spreadOverFolders(entries, family), after,
        priority, laneLimit, totalLimit, address -> {
          StateEntry entry = entries.get(address);
          Kind kind = kinds.forObject(entry.type(), entry.id(), entry.attributes()).orElseThrow();
          return VersionedRefresh.refresh(kind, ctx, entry.id(), entry.contentVersions());
        });
    return new StateRefresh(runner.start());
  }

  /** Whether this refresh covers {@code address}. */
  public boolean covers(String address) {
    return runner.has(address);
  }

  /**
   * Waits for the refreshes of {@code addresses} (all covered): the refreshed attributes per address
   * (empty when the object is gone), the content versions each saw into {@code observed}.
   *
   * @throws PlanException naming every address whose refresh failed, in address order
   */
  public Map<String, Optional<ObjectNode>> await(Collection<String> addresses, Map<String, ObjectNode> observed)
      throws PlanException {
    Map<String, Optional<ObjectNode>> out = new HashMap<>();
    Map<String, String> errors = new TreeMap<>();
    collect(addresses, out, observed, errors);
    failIfAny(errors);
    return out;
  }

  /** As {@link #await}, each failure's message put in {@code errors} by address instead of thrown. */
  void collect(Collection<String> addresses, Map<String, Optional<ObjectNode>> out, Map<String, ObjectNode> observed,
               Map<String, String> errors) throws PlanException {
    for (String address : addresses) {
      try {
        VersionedRefresh.Result r = runner.outcome(address).get();
        out.put(address, r.attributes());
        if (!r.observed().isEmpty()) {
          observed.put(address, r.observed());
        }
      } catch (ExecutionException | CompletionException e) {
        errors.put(address, e.getCause().getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlanException("refresh interrupted", e);
      }
    }
  }

  /** The plan's failure when refreshes failed: every failure, in address order. */
  static void failIfAny(Map<String, String> errors) throws PlanException {
    if (!errors.isEmpty()) {
      List<String> lines = new ArrayList<>();
      new TreeMap<>(errors).forEach((address, message) -> lines.add("refreshing " + address + ": " + message));
      throw new PlanException("refresh failed:\n  " + String.join("\n  ", lines), false);
    }
  }

  /** One covered address's refreshed attributes (empty when the object is gone), waited for. */
  public Optional<ObjectNode> attributes(String address) throws PlanException {
    try {
      return runner.outcome(address).get().attributes();
    } catch (ExecutionException e) {
      throw new PlanException("refreshing " + address + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlanException("refresh interrupted", e);
    }
  }

  /** Starts no more refreshes and returns once the running ones have ended. */
  @Override
  public void close() {
    runner.cancel();
  }

  /**
   * Addresses in address order, except that those whose id is a path take turns by folder: the first
   * of each folder, then the second of each, and so on.
   */
  static Map<String, String> spreadOverFolders(Map<String, StateEntry> entries, Map<String, String> family) {
    Map<String, List<String>> byFolder = new LinkedHashMap<>();
    for (String a : new TreeSet<>(entries.keySet())) {
      String id = entries.get(a).id();
      int slash = id == null ? -1 : id.lastIndexOf('/');
      String folder = id != null && id.startsWith("/") && slash >= 0 ? id.substring(0, slash) : "address " + a;
      byFolder.computeIfAbsent(family.get(a) + " " + folder, k -> new ArrayList<>()).add(a);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int turn = 0; out.size() < entries.size(); turn++) {
      for (List<String> inFolder : byFolder.values()) {
        if (turn < inFolder.size()) {
          String a = inFolder.get(turn);
          out.put(a, family.get(a));
        }
      }
    }
    return out;
  }
}
