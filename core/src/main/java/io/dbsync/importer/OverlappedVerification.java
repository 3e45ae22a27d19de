package io.dbsync.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.apply.AppliedAction;
import io.dbsync.kind.ImportFamilies;
import io.dbsync.plan.PlannedChange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The verification after an apply, started while the apply still runs (issue 14): the slowest API
 * family (SCIM writes at 5/s) goes on long after the others have finished, and reading back every
 * other family only after it would add its whole read time to the import. So the changes are counted
 * per API family ({@link ImportFamilies}) as the apply settles them ({@code Applier#onSettled}); when
 * the last change of a family has settled, the objects of that family the apply wrote are verified on
 * a virtual thread, beside the apply. A family's changes settle after everything they refer to, so the
 * state as it is then holds every entry that round reads. Destroyed objects, and anything no round
 * took, are checked once the apply is over; the differences of every round are merged into one
 * {@link Verification}, as if read back at the end. Once the run is stopping (a signal) no round starts.
 */
final class OverlappedVerification {
  /** What a round checks (ApplyVerifier). */
  interface Checks {
    /** Reads back written addresses, all settled, against the state as it is when called (may run beside the apply). */
    Round written(Set<String> addresses);

    /** The destroyed objects that are still in the target (after the apply). */
    List<Verification.Difference> deleted(List<PlannedChange> deleted);
  }

  /** A round's differences and the content versions its refresh saw, per address. */
  record Round(List<Verification.Difference> differences, Map<String, ObjectNode> observed) {}

  private static final Executor VIRTUAL = task -> Thread.ofVirtual().name("verify").start(task);

  private final Checks checks;
  private final BooleanSupplier stopping;
  /** Address -> change; family -> changes not settled, the written addresses of settled ones (fixed key sets). */
  private final Map<String, PlannedChange> changes = new HashMap<>();
  private final Map<String, AtomicInteger> unsettled = new HashMap<>();
  private final Map<String, Set<String>> written = new HashMap<>();
  private final Set<String> covered = ConcurrentHashMap.newKeySet();
  private final Queue<CompletableFuture<Round>> rounds = new ConcurrentLinkedQueue<>();
  private volatile Map<String, ObjectNode> observed = Map.of();

  /** @param actionable the plan's actionable changes, every one of which the apply reports as it settles */
  OverlappedVerification(List<PlannedChange> actionable, Checks checks, BooleanSupplier stopping) {
    this.checks = checks;
    this.stopping = stopping;
    for (PlannedChange c : actionable) {
      changes.put(c.address(), c);
      String family = familyOf(c);
      unsettled.computeIfAbsent(family, f -> new AtomicInteger()).incrementAndGet();
      written.computeIfAbsent(family, f -> ConcurrentHashMap.newKeySet());
    }
  }

  /** The apply's listener: one call per change; the last of a family starts that family's round. */
  void settled(String address, boolean succeeded) {
    PlannedChange c = changes.get(address);
    if (c == null) {
      return;
    }
    String family = familyOf(c);
    if (succeeded && writes(c)) {
      written.get(family).add(address);
    }
    if (unsettled.get(family).decrementAndGet() == 0) {
      start(written.get(family));
    }
  }

  private void start(Set<String> addresses) {
    if (addresses.isEmpty() || stopping.getAsBoolean()) {
      return;
    }
    Set<String> these = new TreeSet<>(addresses);
    covered.addAll(these);
    rounds.add(CompletableFuture.supplyAsync(() -> checks.written(these), VIRTUAL));
  }

  /**
   * After the apply: checks the destroyed objects and whatever written address no round took, waits
   * for every round and merges them.
   *
   * @return the verification of {@code applied}; null when nothing was applied or the run is stopping
   *         (the rounds already started are waited for all the same: nothing reads the target once this returns)
   */
  Verification finish(List<AppliedAction> applied) {
    if (applied.isEmpty() || stopping.getAsBoolean()) {
      rounds.forEach(CompletableFuture::join);
      return null;
    }
    Set<String> rest = new TreeSet<>();
    List<PlannedChange> deleted = new ArrayList<>();
    int checked = 0;
    for (AppliedAction a : applied) {
      switch (a.action()) {
        case DELETE -> deleted.add(changes.get(a.address()));
        case RELEASE, NOOP -> { }
        default -> {
          checked++;
          if (!covered.contains(a.address())) {
            rest.add(a.address());
          }
        }
      }
    }
    List<Verification.Difference> out = new ArrayList<>(checks.deleted(deleted));
    if (!rest.isEmpty()) {
      rounds.add(CompletableFuture.completedFuture(checks.written(rest)));
    }
    Map<String, ObjectNode> seen = new HashMap<>();
    for (CompletableFuture<Round> round : rounds) {
      Round r = round.join();
      out.addAll(r.differences());
      seen.putAll(r.observed());
    }
    observed = Map.copyOf(seen);
    out.sort(Comparator.comparing(Verification.Difference::address));
    return new Verification(true, checked + deleted.size(), out);
  }

  /** The content versions the rounds' refreshes saw, per address (after {@link #finish}). */
  Map<String, ObjectNode> observedContentVersions() {
    return observed;
  }

  private static boolean writes(PlannedChange c) {
    return switch (c.action()) {
      case DELETE, RELEASE, NOOP -> false;
      default -> true;
    };
  }

  private static String familyOf(PlannedChange c) {
    return ImportFamilies.familyOf(c.type()).orElse("other");
  }
}
